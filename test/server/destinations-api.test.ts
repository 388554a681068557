import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivationInfo } from '../../src/destinations/activations.js';
import type { DeliveryInfo } from '../../src/destinations/deliveries.js';
import type { DestinationInfo } from '../../src/destinations/destinations.js';
import { activationShop, setMembers } from '../helpers/activation-shop.js';
import { loopbackReceiver, type LoopbackReceiver } from '../helpers/loopback-receiver.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

const SECRET = 'api-secret-must-never-come-back';
let t: TempProject;
let api: TestServer;
let receiver: LoopbackReceiver;
/** Every answer's text, to look for the secret in. */
const answers: string[] = [];

beforeAll(async () => {
  // The server syncs every 0.2 s by itself.
  t = await activationShop({
    destinations: {
      syncSeconds: 0.2,
      retryBaseSeconds: 0.02,
      retryMaxSeconds: 0.1,
      timeoutSeconds: 1,
    },
  });
  await setMembers(t.warehouse, 'aud_0000000d01', ['c01', 'c02', 'c03']);
  receiver = await loopbackReceiver();
  api = await testServer(t);
}, 120_000);
afterAll(async () => {
  await api?.close();
  await receiver?.close();
  await t?.cleanup();
});

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  role: 'read' | 'admin' = 'admin',
) {
  const response = await api.request(`/api/v1${path}`, {
    method,
    key: api.keys[role],
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  answers.push(text);
  return { status: response.status, body: JSON.parse(text) as T };
}

describe('the destinations API', () => {
  it('adds a destination, activates an audience, and clv serve delivers it on its own', async () => {
    const bad = await call<{ error: { message: string } }>('POST', '/destinations', {
      name: 'files',
      kind: 'csv',
      secret: SECRET,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('a csv destination takes no secret');
    const noUrl = await call<{ error: { message: string } }>('POST', '/destinations', {
      name: 'hook',
      kind: 'webhook',
      config: { url: 'ftp://x' },
      secret: SECRET,
    });
    expect(noUrl.body.error.message).toBe(
      'webhook destination: config.url: must be an http:// or https:// URL',
    );

    const added = await call<DestinationInfo>('POST', '/destinations', {
      name: 'hook',
      kind: 'webhook',
      config: { url: receiver.url, batchSize: 2 },
      secret: SECRET,
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      kind: 'webhook',
      hasSecret: true,
      enabled: true,
      createdBy: 'test admin',
      config: { url: receiver.url, batchSize: 2, emailAttribute: 'email' },
    });
    const listed = await call<{ destinations: DestinationInfo[] }>(
      'GET',
      '/destinations',
      undefined,
      'read',
    );
    expect(listed.body.destinations.map((d) => d.id)).toEqual([added.body.id]);

    const missing = await call('POST', '/audiences/aud_0000000fff/activations', {
      destinationId: added.body.id,
    });
    expect(missing.status).toBe(404);
    const tooMuch = await call('POST', '/audiences/aud_0000000d01/activations', {
      destinationId: added.body.id,
      holdoutShare: 0.6,
    });
    expect(tooMuch.status).toBe(400);
    const activated = await call<ActivationInfo>('POST', '/audiences/aud_0000000d01/activations', {
      destinationId: added.body.id,
    });
    expect(activated.status).toBe(201);
    expect(activated.body).toMatchObject({
      state: 'active',
      holdoutShare: 0,
      pending: 0,
      createdBy: 'test admin',
    });

    // No sync asked for: the server's own loop delivers (three members, batches of two).
    let activation = activated.body;
    for (let i = 0; i < 50 && activation.delivered < 2; i++) {
      await sleep(100);
      const all = await call<{ activations: ActivationInfo[] }>(
        'GET',
        '/activations?audienceId=aud_0000000d01',
        undefined,
        'read',
      );
      activation = all.body.activations[0] ?? activation;
    }
    expect(activation).toMatchObject({ delivered: 2, pending: 0, dead: 0, lastError: null });
    const log = await call<{ deliveries: DeliveryInfo[] }>(
      'GET',
      `/activations/${activation.id}/deliveries`,
      undefined,
      'read',
    );
    expect(log.body.deliveries.map((d) => [d.kind, d.members, d.status])).toEqual([
      ['full', 1, 'delivered'],
      ['full', 2, 'delivered'],
    ]);
    expect(receiver.requests.map((r) => r.headers['idempotency-key']).sort()).toEqual(
      log.body.deliveries.map((d) => d.id).sort(),
    );

    const synced = await call('POST', `/activations/${activation.id}/sync`);
    expect(synced.body).toEqual({
      queued: 0,
      entries: 0,
      exits: 0,
      attempted: 0,
      delivered: 0,
      retrying: 0,
      dead: 0,
    });

    const stopped = await call<ActivationInfo>('DELETE', `/activations/${activation.id}`);
    expect(stopped.body.state).toBe('stopped');
    const removed = await call('DELETE', `/destinations/${added.body.id}`);
    expect(removed.body).toEqual({ deleted: added.body.id });
    expect(
      (await call<{ destinations: unknown[] }>('GET', '/destinations')).body.destinations,
    ).toEqual([]);

    const document = await api.request('/api/v1/openapi.json');
    answers.push(await document.text());
    for (const text of answers) expect(text).not.toContain(SECRET);
  });

  it('stops its delivery loop cleanly while a receiver hangs', async () => {
    receiver.mode = 'hang';
    const added = await call<DestinationInfo>('POST', '/destinations', {
      name: 'hang',
      kind: 'webhook',
      config: { url: receiver.url },
      secret: SECRET,
    });
    const activation = await call<ActivationInfo>('POST', '/audiences/aud_0000000d01/activations', {
      destinationId: added.body.id,
    });
    // Wait until the loop's attempt reached the receiver, then close mid-attempt.
    for (let i = 0; i < 50 && !receiver.requests.some((r) => r.answered === 0); i++)
      await sleep(50);
    expect(receiver.requests.some((r) => r.answered === 0)).toBe(true);
    const started = Date.now();
    await api.close();
    // The attempt in flight gives up at its 1 s timeout, is recorded, and the store closes.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(activation.status).toBe(201);
  });
});
