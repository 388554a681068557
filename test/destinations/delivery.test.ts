import { createHash, createHmac } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivation, getActivation } from '../../src/destinations/activations.js';
import { listDeliveries } from '../../src/destinations/deliveries.js';
import {
  addDestination,
  listDestinations,
  removeDestination,
} from '../../src/destinations/destinations.js';
import { directAccess } from '../../src/destinations/store-access.js';
import { syncDeliveries, type SyncOutcome } from '../../src/destinations/sync-deliveries.js';
import {
  activationShop,
  setMembers,
  SHOP_CUSTOMERS,
  SUBSCRIBED,
} from '../helpers/activation-shop.js';
import { loopbackReceiver, type LoopbackReceiver } from '../helpers/loopback-receiver.js';
import type { TempProject } from '../helpers/temp-project.js';
import { importFile } from '../../src/ingest/import-file.js';
import { refreshAll } from '../../src/pipeline/refresh-all.js';

// Small backoff and timeout so that retries, hangs and dead letters take milliseconds.
const CONFIG = {
  destinations: {
    maxAttempts: 4,
    retryBaseSeconds: 0.02,
    retryMaxSeconds: 0.1,
    timeoutSeconds: 0.3,
    syncSeconds: 0,
  },
};

let t: TempProject;
let receiver: LoopbackReceiver;

beforeAll(async () => {
  t = await activationShop(CONFIG);
  receiver = await loopbackReceiver();
}, 120_000);
afterAll(async () => {
  await receiver?.close();
  await t?.cleanup();
});

function sync(
  activationId?: string,
  maxAttempts?: number,
  random?: () => number,
): Promise<SyncOutcome> {
  const settings = t.project.config.destinations;
  return syncDeliveries(directAccess(t.warehouse), {
    projectDir: t.dir,
    settings: { ...settings, maxAttempts: maxAttempts ?? settings.maxAttempts },
    activationId,
    random,
  });
}

/** Syncs until nothing is pending (bounded), waiting out the backoff between passes. */
async function settle(activationId: string): Promise<void> {
  for (let pass = 0; pass < 40; pass++) {
    await sync(activationId);
    const activation = await getActivation(t.warehouse, activationId);
    if (activation.pending === 0) return;
    await sleep(60);
  }
  throw new Error('deliveries still pending after 40 syncs');
}

interface Batch {
  deliveryId: string;
  sequence: number;
  kind: string;
  members: { customer_id: string; change: string }[];
}

/** The batches the receiver accepted (answered 200) for one activation, once per key, in order. */
function accepted(activationId: string): Batch[] {
  const byKey = new Map<string, Batch>();
  for (const request of receiver.requests) {
    if (request.answered !== 200) continue;
    const batch = JSON.parse(request.body) as Batch & { activationId: string };
    if (batch.activationId !== activationId) continue;
    const previous = byKey.get(batch.deliveryId);
    // A repeat of a key must be the very same batch.
    if (previous) expect(JSON.stringify(previous)).toBe(JSON.stringify(batch));
    byKey.set(batch.deliveryId, batch);
  }
  return [...byKey.values()].sort((a, b) => a.sequence - b.sequence);
}

/** The membership the receiver holds after applying the accepted batches in order. */
function receiverState(activationId: string): string[] {
  const state = new Set<string>();
  for (const batch of accepted(activationId)) {
    for (const member of batch.members) {
      if (member.change === 'entered') state.add(member.customer_id);
      else state.delete(member.customer_id);
    }
  }
  return [...state].sort();
}

async function webhook(name: string, secret = 'whsec-test-secret'): Promise<string> {
  const destination = await addDestination(
    t.warehouse,
    t.dir,
    { name, kind: 'webhook', config: { url: receiver.url }, secret },
    'test',
  );
  return destination.id;
}

async function activate(audienceId: string, destinationId: string, holdoutShare = 0) {
  return createActivation(t.warehouse, { audienceId, destinationId, holdoutShare }, 'test');
}

describe('a webhook activation', () => {
  it('sends the full membership, then only entries and exits, signed, each batch with its key', async () => {
    receiver.mode = 'ok';
    await setMembers(t.warehouse, 'aud_00000000a1', ['c01', 'c02', 'c03', 'c04', 'c05']);
    const activation = await activate('aud_00000000a1', await webhook('hook a'));
    const first = await sync(activation.id);
    expect(first).toMatchObject({ queued: 1, entries: 5, exits: 0, attempted: 1, delivered: 1 });
    await setMembers(t.warehouse, 'aud_00000000a1', ['c03', 'c04', 'c05', 'c06', 'c07', 'c08']);
    expect(await sync(activation.id)).toMatchObject({
      queued: 1,
      entries: 3,
      exits: 2,
      delivered: 1,
    });
    // No evaluation since: nothing to queue, nothing sent.
    expect(await sync(activation.id)).toMatchObject({ queued: 0, attempted: 0 });

    const batches = accepted(activation.id);
    expect(batches.map((b) => b.kind)).toEqual(['full', 'changes']);
    expect(batches[0]?.members.map((m) => `${m.customer_id} ${m.change}`)).toEqual([
      'c01 entered',
      'c02 entered',
      'c03 entered',
      'c04 entered',
      'c05 entered',
    ]);
    expect(batches[1]?.members.map((m) => `${m.customer_id} ${m.change}`)).toEqual([
      'c06 entered',
      'c07 entered',
      'c08 entered',
      'c01 exited',
      'c02 exited',
    ]);
    // The default columns, values from the refresh: c03 bought for 30.
    expect(Object.keys(batches[0]?.members[2] ?? {})).toEqual([
      'customer_id',
      'predicted_clv',
      'p_alive',
      'revenue',
      'change',
    ]);
    expect(batches[0]?.members[2]).toMatchObject({ customer_id: 'c03', revenue: 30 });

    const log = await listDeliveries(t.warehouse, activation.id);
    expect(log.map((d) => [d.kind, d.status, d.attempts, d.members, d.entries, d.exits])).toEqual([
      ['changes', 'delivered', 1, 5, 3, 2],
      ['full', 'delivered', 1, 5, 5, 0],
    ]);
    // The signature: HMAC-SHA256 of "<timestamp>.<body>" with the secret, and the key header.
    const requests = receiver.requests.filter((r) =>
      log.some((d) => d.id === r.headers['idempotency-key']),
    );
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      const timestamp = String(request.headers['x-clv-timestamp']);
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
      const expected = createHmac('sha256', 'whsec-test-secret')
        .update(`${timestamp}.${request.body}`)
        .digest('hex');
      expect(request.headers['x-clv-signature']).toBe(`sha256=${expected}`);
      expect(request.headers['content-type']).toBe('application/json');
    }
    expect(receiverState(activation.id)).toEqual(['c03', 'c04', 'c05', 'c06', 'c07', 'c08']);
  });

  it('retries a 500 with backoff under the same key until the receiver takes it', async () => {
    await setMembers(t.warehouse, 'aud_00000000b1', ['c01', 'c02']);
    const activation = await activate('aud_00000000b1', await webhook('hook b'));
    receiver.mode = 'fail';
    expect(await sync(activation.id)).toMatchObject({ attempted: 1, retrying: 1, delivered: 0 });
    let [delivery] = await listDeliveries(t.warehouse, activation.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
    expect(delivery?.lastError).toBe('HTTP 500: {"error":"receiver failed"}');
    // The retry waits: at most retryBaseSeconds (20 ms) after the first failure.
    expect(Date.parse(delivery?.nextAttemptAt ?? '') - Date.now()).toBeLessThanOrEqual(25);
    await sleep(30);
    expect(await sync(activation.id)).toMatchObject({ attempted: 1, retrying: 1 });
    receiver.mode = 'ok';
    await settle(activation.id);
    [delivery] = await listDeliveries(t.warehouse, activation.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3 });
    const keys = receiver.requests
      .filter((r) => JSON.parse(r.body).activationId === activation.id)
      .map((r) => [r.headers['idempotency-key'], r.answered]);
    expect(keys).toEqual([
      [delivery?.id, 500],
      [delivery?.id, 500],
      [delivery?.id, 200],
    ]);
    expect(receiverState(activation.id)).toEqual(['c01', 'c02']);
  });

  it('gives up on a receiver that hangs past the timeout, and retries it', async () => {
    await setMembers(t.warehouse, 'aud_00000000c1', ['c09']);
    const activation = await activate('aud_00000000c1', await webhook('hook c'));
    receiver.mode = 'hang';
    const started = Date.now();
    expect(await sync(activation.id)).toMatchObject({ attempted: 1, retrying: 1 });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(3000);
    const [delivery] = await listDeliveries(t.warehouse, activation.id);
    expect(delivery?.lastError).toBe('no answer within 0.3 s');
    receiver.mode = 'ok';
    await settle(activation.id);
    expect(await getActivation(t.warehouse, activation.id)).toMatchObject({
      delivered: 1,
      pending: 0,
      dead: 0,
    });
    expect(receiverState(activation.id)).toEqual(['c09']);
  });

  it('loses no entry or exit while the receiver is down for a while', async () => {
    receiver.mode = 'ok';
    const rounds = [
      ['c01', 'c02', 'c03'],
      ['c02', 'c03', 'c04'],
      ['c04', 'c05'],
      ['c01', 'c05', 'c06', 'c07'],
    ];
    await setMembers(t.warehouse, 'aud_00000000d1', rounds[0] ?? []);
    const activation = await activate('aud_00000000d1', await webhook('hook d'));
    await receiver.down();
    try {
      // Five syncs while down, more than maxAttempts would allow: this test allows 8. No
      // jitter (a zero draw), so that every sync finds the first delivery due again.
      const noJitter = () => 0;
      for (const round of rounds.slice(1)) {
        await sync(activation.id, 8, noJitter);
        await setMembers(t.warehouse, 'aud_00000000d1', round);
        await sleep(30);
      }
      await sync(activation.id, 8, noJitter);
      await sleep(30);
      await sync(activation.id, 8, noJitter);
      const log = await listDeliveries(t.warehouse, activation.id);
      expect(log.map((d) => d.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
      expect(log.at(-1)).toMatchObject({
        attempts: 5,
        lastError: 'could not connect (ECONNREFUSED)',
      });
    } finally {
      await receiver.up();
    }
    await settle(activation.id);
    const changes = accepted(activation.id).map((b) =>
      b.members.map((m) => `${m.customer_id} ${m.change}`).join(', '),
    );
    expect(changes).toEqual([
      'c01 entered, c02 entered, c03 entered',
      'c04 entered, c01 exited',
      'c05 entered, c02 exited, c03 exited',
      'c01 entered, c06 entered, c07 entered, c04 exited',
    ]);
    expect(receiverState(activation.id)).toEqual(['c01', 'c05', 'c06', 'c07']);
  });

  it('marks a delivery dead after the configured attempts, keeps the last error, and re-queues its members', async () => {
    await setMembers(t.warehouse, 'aud_00000000e1', ['c10', 'c11']);
    const activation = await activate('aud_00000000e1', await webhook('hook e'));
    receiver.mode = 'fail';
    for (let pass = 0; pass < 40; pass++) {
      await sync(activation.id);
      if ((await getActivation(t.warehouse, activation.id)).dead > 0) break;
      await sleep(60);
    }
    const [dead] = await listDeliveries(t.warehouse, activation.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 4, nextAttemptAt: null });
    expect(dead?.lastError).toBe('HTTP 500: {"error":"receiver failed"}');
    expect(await getActivation(t.warehouse, activation.id)).toMatchObject({
      dead: 1,
      pending: 0,
      lastError: 'HTTP 500: {"error":"receiver failed"}',
    });
    const tries = receiver.requests.filter((r) => r.headers['idempotency-key'] === dead?.id);
    expect(tries).toHaveLength(4);
    receiver.mode = 'ok';
    await settle(activation.id);
    const log = await listDeliveries(t.warehouse, activation.id);
    expect(log.map((d) => [d.kind, d.status, d.members])).toEqual([
      ['changes', 'delivered', 2],
      ['full', 'dead', 2],
    ]);
    expect(receiverState(activation.id)).toEqual(['c10', 'c11']);
  });
});

describe('the control group', () => {
  it('withholds the customers whose hash falls below the share, records them, never sends them', async () => {
    receiver.mode = 'ok';
    await setMembers(t.warehouse, 'aud_00000000f1', SHOP_CUSTOMERS);
    const activation = await activate('aud_00000000f1', await webhook('hook f'), 0.5);
    await settle(activation.id);
    // Computed here apart from the code under test: SHA-256 of "<audience>\0<customer>".
    const controls = SHOP_CUSTOMERS.filter((id) => {
      const digest = createHash('sha256').update(`aud_00000000f1\u0000${id}`).digest();
      return Number(digest.readBigUInt64BE(0)) / 2 ** 64 < 0.5;
    });
    expect(controls.length).toBeGreaterThan(0);
    expect(controls.length).toBeLessThan(SHOP_CUSTOMERS.length);
    const recorded = await t.warehouse.query<{ customer_id: string }>(
      `SELECT customer_id FROM activation_controls WHERE activation_id = $id ORDER BY 1`,
      { id: activation.id },
    );
    expect(recorded.map((r) => r.customer_id)).toEqual(controls);
    expect(receiverState(activation.id)).toEqual(
      SHOP_CUSTOMERS.filter((id) => !controls.includes(id)),
    );
    expect((await getActivation(t.warehouse, activation.id)).controlMembers).toBe(controls.length);
    // A second activation of the same audience withholds the same customers.
    const again = await activate('aud_00000000f1', await webhook('hook f2'), 0.5);
    await settle(again.id);
    expect(receiverState(again.id)).toEqual(receiverState(activation.id));
  });
});

describe('consent', () => {
  it('never sends an email list a customer without email consent unless the audience includes them', async () => {
    receiver.mode = 'ok';
    const list = await addDestination(
      t.warehouse,
      t.dir,
      {
        name: 'newsletter',
        kind: 'email-list',
        config: { url: receiver.url, fields: ['revenue'] },
        secret: 'esp-token-1',
      },
      'test',
    );
    const operationsOf = (key: string | undefined) =>
      receiver.requests
        .filter((r) => r.headers['idempotency-key'] === key && r.answered === 200)
        .flatMap(
          (r) => (JSON.parse(r.body) as { operations: { email: string; op: string }[] }).operations,
        );

    await setMembers(t.warehouse, 'aud_0000000a01', SHOP_CUSTOMERS);
    const strict = await activate('aud_0000000a01', list.id);
    await settle(strict.id);
    const [sent] = await listDeliveries(t.warehouse, strict.id);
    const request = receiver.requests.find((r) => r.headers['idempotency-key'] === sent?.id);
    expect(request?.headers.authorization).toBe('Bearer esp-token-1');
    const operations = operationsOf(sent?.id);
    expect(operations.map((o) => o.email)).toEqual(SUBSCRIBED.map((id) => `${id}@example.test`));
    expect(operations[0]).toEqual({
      op: 'subscribe',
      email: 'c01@example.test',
      customerId: 'c01',
      fields: { revenue: 10 },
    });

    // An audience that says so includes the unsubscribed; c12 has no address to send.
    await setMembers(t.warehouse, 'aud_0000000a02', SHOP_CUSTOMERS, { includeUnsubscribed: true });
    const open = await activate('aud_0000000a02', list.id);
    await settle(open.id);
    const [all] = await listDeliveries(t.warehouse, open.id);
    expect(operationsOf(all?.id).map((o) => o.email)).toEqual(
      SHOP_CUSTOMERS.slice(0, 11).map((id) => `${id}@example.test`),
    );

    // A webhook carrying addresses keeps the same rule; one without them receives everyone.
    const withEmail = await addDestination(
      t.warehouse,
      t.dir,
      {
        name: 'hook with email',
        kind: 'webhook',
        config: { url: receiver.url, columns: ['customer_id', 'email'] },
        secret: 's',
      },
      'test',
    );
    const emailHook = await activate('aud_0000000a01', withEmail.id);
    await settle(emailHook.id);
    expect(receiverState(emailHook.id)).toEqual(SUBSCRIBED);
    const plain = await activate('aud_0000000a01', await webhook('hook g'));
    await settle(plain.id);
    expect(receiverState(plain.id)).toEqual(SHOP_CUSTOMERS);
  });
});

describe('a CSV destination', () => {
  it('writes one file per delivery with the chosen columns, inside the project', async () => {
    const csv = await addDestination(
      t.warehouse,
      t.dir,
      {
        name: 'files',
        kind: 'csv',
        config: { folder: 'exports/crm', columns: ['customer_id', 'email', 'revenue', 'change'] },
      },
      'test',
    );
    await setMembers(t.warehouse, 'aud_0000000b01', ['c01', 'c02', 'c07']);
    const activation = await activate('aud_0000000b01', csv.id);
    await settle(activation.id);
    await setMembers(t.warehouse, 'aud_0000000b01', ['c02', 'c03']);
    await settle(activation.id);
    const folder = join(t.dir, 'exports', 'crm');
    const files = (await readdir(folder)).sort();
    expect(files).toEqual([
      `${activation.id}-000001-full.csv`,
      `${activation.id}-000002-changes.csv`,
    ]);
    // An email column makes it a consent-bound destination: c07 (revoked) is not in it.
    expect(await readFile(join(folder, files[0] ?? ''), 'utf8')).toBe(
      'customer_id,email,revenue,change\nc01,c01@example.test,10,entered\nc02,c02@example.test,20,entered\n',
    );
    expect(await readFile(join(folder, files[1] ?? ''), 'utf8')).toBe(
      'customer_id,email,revenue,change\nc03,c03@example.test,30,entered\nc01,c01@example.test,10,exited\n',
    );
  });

  it('refuses a URL with credentials in it: they would be shown to every reader', async () => {
    await expect(
      addDestination(
        t.warehouse,
        t.dir,
        { name: 'x', kind: 'webhook', config: { url: 'https://u:p@example.com/' }, secret: 's' },
        'test',
      ),
    ).rejects.toThrow('config.url: must not hold a user name or password');
  });

  it('refuses a folder outside the project', async () => {
    await expect(
      addDestination(
        t.warehouse,
        t.dir,
        { name: 'x', kind: 'csv', config: { folder: '../out' } },
        'test',
      ),
    ).rejects.toThrow('config.folder: must be a folder inside the project');
  });
});

describe('an activation of a deleted audience', () => {
  it('stops, saying why, and gives up what was still pending', async () => {
    receiver.mode = 'fail';
    await setMembers(t.warehouse, 'aud_0000000a04', ['c01']);
    const activation = await activate('aud_0000000a04', await webhook('hook deleted'));
    expect(await sync(activation.id)).toMatchObject({ queued: 1, retrying: 1 });
    await t.warehouse.run(
      `UPDATE audiences SET deleted_at = now() WHERE audience_id = 'aud_0000000a04'`,
    );
    await setMembers(t.warehouse, 'aud_0000000a04', ['c01', 'c02']);
    expect(await sync(activation.id)).toMatchObject({ queued: 0, attempted: 0 });
    expect(await getActivation(t.warehouse, activation.id)).toMatchObject({
      state: 'stopped',
      pending: 0,
      dead: 1,
      lastError: 'stopped: the audience was deleted',
    });
    const [given] = await listDeliveries(t.warehouse, activation.id);
    expect(given?.lastError).toBe(
      'HTTP 500: {"error":"receiver failed"}; the activation was stopped before delivery',
    );
    receiver.mode = 'ok';
  });

  it('and of a removed destination the same', async () => {
    receiver.mode = 'fail';
    await setMembers(t.warehouse, 'aud_0000000a05', ['c01']);
    const destination = await webhook('hook removed');
    const activation = await activate('aud_0000000a05', destination);
    expect(await sync(activation.id)).toMatchObject({ queued: 1, retrying: 1 });
    await removeDestination(t.warehouse, destination);
    expect(await getActivation(t.warehouse, activation.id)).toMatchObject({
      state: 'stopped',
      pending: 0,
      dead: 1,
    });
    const [given] = await listDeliveries(t.warehouse, activation.id);
    expect(given?.lastError).toMatch(/; the destination was removed before delivery$/);
    const [row] = await t.warehouse.query<{ sealed: string | null }>(
      `SELECT sealed_secret AS sealed FROM destinations WHERE destination_id = $id`,
      { id: destination },
    );
    expect(row?.sealed).toBeNull();
    receiver.mode = 'ok';
  });
});

describe('secrets', () => {
  it('are sealed in the store, opened only with the key file (0600), and never listed', async () => {
    const secret = 'whsec-NEVER-IN-PLAIN-TEXT-42';
    await webhook('sealed', secret);
    const listed = JSON.stringify(await listDestinations(t.warehouse));
    expect(listed).not.toContain(secret);
    expect(listed).toContain('"hasSecret":true');
    const rows = await t.warehouse.query(`SELECT * FROM destinations`);
    expect(JSON.stringify(rows)).not.toContain(secret);
    await t.warehouse.run('CHECKPOINT');
    const file = await readFile(t.project.storeFile);
    expect(file.includes(Buffer.from(secret))).toBe(false);
    const key = await stat(join(t.dir, '.clv', 'secret.key'));
    expect(key.mode & 0o777).toBe(0o600);
  });
});

// Last: it changes the shop (c02 revokes consent), which the tests above rely on.
describe('a member who loses consent', () => {
  it('is unsubscribed from an email list at the next sync after the refresh', async () => {
    receiver.mode = 'ok';
    const list = await addDestination(
      t.warehouse,
      t.dir,
      { name: 'list 2', kind: 'email-list', config: { url: receiver.url }, secret: 'tok' },
      'test',
    );
    await setMembers(t.warehouse, 'aud_0000000a03', ['c01', 'c02']);
    const activation = await activate('aud_0000000a03', list.id);
    await settle(activation.id);
    const file = await t.file(
      'revoke.csv',
      'event_id,customer_id,type,timestamp,category,action\nrv2,c02,consent,2024-07-01T00:00:00Z,newsletter,revoke\n',
    );
    await importFile(t.warehouse, t.project, { file, kind: 'events' });
    await refreshAll(t.warehouse, t.project.config);
    // The refresh evaluates the audience again: same members, c02 now without consent.
    await setMembers(t.warehouse, 'aud_0000000a03', ['c01', 'c02']);
    await settle(activation.id);
    const log = await listDeliveries(t.warehouse, activation.id);
    const operations = receiver.requests
      .filter((r) => r.headers['idempotency-key'] === log[0]?.id)
      .map((r) => (JSON.parse(r.body) as { operations: unknown[] }).operations);
    expect(log.map((d) => [d.kind, d.entries, d.exits])).toEqual([
      ['changes', 0, 1],
      ['full', 2, 0],
    ]);
    // One call with one operation: c02's unsubscribe, by the address it was subscribed with.
    expect(operations).toHaveLength(1);
    expect(
      operations[0]?.map((o) => {
        const { op, email, customerId } = o as Record<string, unknown>;
        return [op, email, customerId];
      }),
    ).toEqual([['unsubscribe', 'c02@example.test', 'c02']]);
  });
});
