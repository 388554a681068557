import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivationInfo } from '../../src/destinations/activations.js';
import type { DestinationInfo } from '../../src/destinations/destinations.js';
import { activationShop, setMembers } from '../helpers/activation-shop.js';
import { loopbackReceiver, type LoopbackReceiver } from '../helpers/loopback-receiver.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

let t: TempProject;
let api: TestServer;
let receiver: LoopbackReceiver;

beforeAll(async () => {
  // No periodic sync: only a refresh (or a request) makes the server deliver.
  t = await activationShop({ destinations: { syncSeconds: 0 }, refresh: { cron: null } });
  await setMembers(t.warehouse, 'aud_0000000e01', ['c01', 'c02']);
  receiver = await loopbackReceiver();
  api = await testServer(t);
}, 120_000);
afterAll(async () => {
  await api?.close();
  await receiver?.close();
  await t?.cleanup();
});

async function post<T>(path: string, body?: unknown): Promise<T> {
  const response = await api.request(`/api/v1${path}`, {
    method: 'POST',
    key: api.keys.admin,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  expect(response.status).toBeLessThan(300);
  return (await response.json()) as T;
}

describe('clv serve after a refresh', () => {
  it('syncs the destinations at once, without waiting for a tick', async () => {
    const destination = await post<DestinationInfo>('/destinations', {
      name: 'hook',
      kind: 'webhook',
      config: { url: receiver.url },
      secret: 's',
    });
    const activation = await post<ActivationInfo>('/audiences/aud_0000000e01/activations', {
      destinationId: destination.id,
    });
    await sleep(300);
    expect(receiver.requests).toHaveLength(0);
    await post('/refresh');
    for (let i = 0; i < 50 && receiver.requests.length === 0; i++) await sleep(100);
    expect(receiver.requests.map((r) => r.headers['idempotency-key'])).toHaveLength(1);
    const body = JSON.parse(receiver.requests[0]?.body ?? '{}') as { activationId: string };
    expect(body.activationId).toBe(activation.id);
  });
});
