import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivation, getActivation } from '../../src/destinations/activations.js';
import { listDeliveries } from '../../src/destinations/deliveries.js';
import { addDestination } from '../../src/destinations/destinations.js';
import { directAccess } from '../../src/destinations/store-access.js';
import { syncDeliveries } from '../../src/destinations/sync-deliveries.js';
import { Random } from '../../src/shared/random.js';
import { activationShop, setMembers, SHOP_CUSTOMERS } from '../helpers/activation-shop.js';
import { loopbackReceiver, type LoopbackReceiver } from '../helpers/loopback-receiver.js';
import type { TempProject } from '../helpers/temp-project.js';

// DECISIONS.md "Test suite size": a few seeded runs by default, many with CLV_THOROUGH=1.
const SEEDS = process.env['CLV_THOROUGH'] === '1' ? 10 : 2;
const ROUNDS = process.env['CLV_THOROUGH'] === '1' ? 30 : 12;
const HOLDOUT = 0.25;

let t: TempProject;
let receiver: LoopbackReceiver;

beforeAll(async () => {
  t = await activationShop({
    destinations: {
      maxAttempts: 3,
      retryBaseSeconds: 0.01,
      retryMaxSeconds: 0.05,
      timeoutSeconds: 0.2,
      batchSize: 4,
      syncSeconds: 0,
    },
  });
  receiver = await loopbackReceiver();
}, 120_000);
afterAll(async () => {
  await receiver?.close();
  await t?.cleanup();
});

function sync(activationId: string) {
  return syncDeliveries(directAccess(t.warehouse), {
    projectDir: t.dir,
    settings: t.project.config.destinations,
    activationId,
  });
}

interface Batch {
  activationId: string;
  deliveryId: string;
  sequence: number;
  members: { customer_id: string; change: 'entered' | 'exited' }[];
}

/** The batches the receiver accepted for the activation, once per key, in sequence order. */
function accepted(activationId: string): Batch[] {
  const byKey = new Map<string, string>();
  for (const request of receiver.requests) {
    if (request.answered !== 200) continue;
    const batch = JSON.parse(request.body) as Batch;
    if (batch.activationId !== activationId) continue;
    const seen = byKey.get(batch.deliveryId);
    // A key accepted twice carried the very same batch both times.
    if (seen !== undefined) expect(request.body).toBe(seen);
    byKey.set(batch.deliveryId, request.body);
  }
  return [...byKey.values()]
    .map((body) => JSON.parse(body) as Batch)
    .sort((a, b) => a.sequence - b.sequence);
}

function isControl(audienceId: string, customerId: string): boolean {
  const digest = createHash('sha256').update(`${audienceId}\u0000${customerId}`).digest();
  return Number(digest.readBigUInt64BE(0)) / 2 ** 64 < HOLDOUT;
}

describe('delivery under a receiver that fails, hangs and goes down at random', () => {
  it(`ends with the receiver holding exactly the audience less its controls (${SEEDS} seeds × ${ROUNDS} rounds)`, async () => {
    const totals = { deliveries: 0, attempts: 0, dead: 0 };
    for (let seed = 1; seed <= SEEDS; seed++) {
      const random = new Random(seed);
      const audienceId = `aud_${String(seed).padStart(10, '0')}`;
      const destination = await addDestination(
        t.warehouse,
        t.dir,
        { name: `random ${seed}`, kind: 'webhook', config: { url: receiver.url }, secret: 's' },
        'test',
      );
      let members = SHOP_CUSTOMERS.filter(() => random.next() < 0.5);
      await setMembers(t.warehouse, audienceId, members);
      const activation = await createActivation(
        t.warehouse,
        { audienceId, destinationId: destination.id, holdoutShare: HOLDOUT },
        'test',
      );
      for (let round = 0; round < ROUNDS; round++) {
        const draw = random.next();
        const down = draw < 0.2;
        receiver.mode = draw < 0.45 ? 'fail' : draw < 0.5 ? 'hang' : 'ok';
        if (down) await receiver.down();
        try {
          if (random.next() < 0.6) {
            members = SHOP_CUSTOMERS.filter(() => random.next() < 0.5);
            await setMembers(t.warehouse, audienceId, members);
          }
          await sync(activation.id);
          await sleep(random.next() * 40);
        } finally {
          if (down) await receiver.up();
        }
      }
      // The receiver is well again: syncs until a pass queues and leaves nothing (bounded).
      receiver.mode = 'ok';
      let settled = false;
      for (let pass = 0; pass < 60 && !settled; pass++) {
        const outcome = await sync(activation.id);
        const state = await getActivation(t.warehouse, activation.id);
        settled = outcome.queued === 0 && state.pending === 0;
        if (!settled) await sleep(30);
      }
      expect(settled, `seed ${seed} settled`).toBe(true);

      const held = new Set<string>();
      const dead = (await listDeliveries(t.warehouse, activation.id)).some(
        (d) => d.status === 'dead',
      );
      for (const batch of accepted(activation.id)) {
        for (const member of batch.members) {
          // Without a dead delivery, every change applies to the state the receiver holds:
          // nothing is missed, repeated or out of order.
          if (!dead) {
            expect(held.has(member.customer_id), `seed ${seed} ${member.customer_id}`).toBe(
              member.change === 'exited',
            );
          }
          if (member.change === 'entered') held.add(member.customer_id);
          else held.delete(member.customer_id);
        }
      }
      const log = await listDeliveries(t.warehouse, activation.id);
      totals.deliveries += log.length;
      totals.attempts += log.reduce((sum, d) => sum + d.attempts, 0);
      totals.dead += log.filter((d) => d.status === 'dead').length;
      const expected = members.filter((id) => !isControl(audienceId, id)).sort();
      expect([...held].sort(), `seed ${seed}`).toEqual(expected);
    }
    // The seeds do exercise failures: retries, and deliveries given up and sent again.
    expect(totals.attempts).toBeGreaterThan(totals.deliveries);
    expect(totals.dead).toBeGreaterThan(0);
    if (process.env['CLV_DELIVERY_STATS']) console.log(JSON.stringify(totals));
  }, 300_000);
});
