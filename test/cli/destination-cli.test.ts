import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivationInfo } from '../../src/destinations/activations.js';
import type { DeliveryInfo } from '../../src/destinations/deliveries.js';
import type { DestinationInfo } from '../../src/destinations/destinations.js';
import { activationShop, setMembers } from '../helpers/activation-shop.js';
import { loopbackReceiver, type LoopbackReceiver } from '../helpers/loopback-receiver.js';
import { runClv } from '../helpers/run-cli.js';
import type { TempProject } from '../helpers/temp-project.js';

const SECRET = 'cli-hook-secret-never-printed';
let t: TempProject;
let receiver: LoopbackReceiver;

beforeAll(async () => {
  t = await activationShop({ destinations: { timeoutSeconds: 2 } });
  await setMembers(t.warehouse, 'aud_0000000c01', ['c01', 'c02', 'c03', 'c04']);
  // The CLI opens the store itself.
  await t.warehouse.close();
  receiver = await loopbackReceiver();
}, 120_000);
afterAll(async () => {
  await receiver?.close();
  await t?.cleanup();
});

describe('clv destination and clv audience activate|sync|deliveries', () => {
  it('adds a webhook, activates an audience, syncs it and shows the log', async () => {
    const project = ['--project', t.dir];
    const missing = await runClv([
      'destination',
      'add',
      '--name',
      'x',
      '--kind',
      'webhook',
      '--url',
      receiver.url,
      ...project,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'clv: a webhook destination needs a --secret (its signing secret)\n',
    );

    const added = await runClv(
      [
        'destination',
        'add',
        '--name',
        'crm',
        '--kind',
        'webhook',
        '--url',
        receiver.url,
        '--secret-env',
        'HOOK_SECRET',
        ...project,
        '--json',
      ],
      { env: { HOOK_SECRET: SECRET } },
    );
    expect(added.code).toBe(0);
    const destination = JSON.parse(added.stdout) as DestinationInfo;
    expect(destination).toMatchObject({
      name: 'crm',
      kind: 'webhook',
      enabled: true,
      hasSecret: true,
      createdBy: 'local',
    });
    expect(added.stdout).not.toContain(SECRET);

    const list = await runClv(['destination', 'list', ...project]);
    expect(list.stdout).toMatch(
      new RegExp(
        `^id\\s+name\\s+kind\\s+enabled\\s+secret\\s+where\\s+created\\n${destination.id}\\s+crm\\s+webhook\\s+yes\\s+sealed\\s+http://127\\.0\\.0\\.1:\\d+/hook\\s+\\S+Z\\n$`,
      ),
    );
    expect(list.stdout).not.toContain(SECRET);

    const activated = await runClv([
      'audience',
      'activate',
      'aud_0000000c01',
      '--destination',
      destination.id,
      '--holdout',
      '0.25',
      ...project,
      '--json',
    ]);
    expect(activated.code).toBe(0);
    const activation = JSON.parse(activated.stdout) as ActivationInfo;
    expect(activation).toMatchObject({
      audienceId: 'aud_0000000c01',
      holdoutShare: 0.25,
      state: 'active',
      pending: 0,
    });

    const synced = await runClv(['audience', 'sync', ...project]);
    expect(synced.code).toBe(0);
    const sent = receiver.requests.map((r) => JSON.parse(r.body) as { members: unknown[] });
    expect(sent).toHaveLength(1);
    const members = sent[0]?.members.length ?? 0;
    expect(synced.stdout).toBe(
      `queued 1 deliveries (${members} entries, 0 exits); attempted 1: 1 delivered, 0 to retry, 0 dead\n`,
    );

    const log = await runClv(['audience', 'deliveries', activation.id, ...project, '--json']);
    const deliveries = JSON.parse(log.stdout) as DeliveryInfo[];
    expect(deliveries.map((d) => [d.kind, d.status, d.attempts, d.members])).toEqual([
      ['full', 'delivered', 1, members],
    ]);
    expect(deliveries[0]?.id).toBe(receiver.requests[0]?.headers['idempotency-key']);

    const activations = await runClv(['audience', 'activations', ...project, '--json']);
    const [listed] = JSON.parse(activations.stdout) as ActivationInfo[];
    expect(listed).toMatchObject({ id: activation.id, delivered: 1, controlMembers: 4 - members });

    receiver.mode = 'fail';
    const removed = await runClv(['destination', 'remove', destination.id, ...project]);
    expect(removed.stdout).toBe(`removed destination ${destination.id}\n`);
    const after = await runClv(['audience', 'activations', ...project, '--json']);
    expect((JSON.parse(after.stdout) as ActivationInfo[])[0]?.state).toBe('stopped');
    expect((await runClv(['audience', 'sync', ...project])).stdout).toBe(
      'queued 0 deliveries (0 entries, 0 exits); attempted 0: 0 delivered, 0 to retry, 0 dead\n',
    );
  });
});
