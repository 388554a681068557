import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audienceShop } from '../helpers/audience-shop.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

// The audience shop (see its helper): a 180 over 3 orders and email subscribed, b 20 over 1
// order, c and d no revenue. No model fits four customers, so predicted CLV is null throughout.
const buyers = {
  version: 1,
  match: 'all',
  conditions: [{ type: 'value', field: 'orders', test: { op: 'gte', value: 1 } }],
};
const subscribedBuyers = {
  version: 1,
  match: 'all',
  conditions: [
    { type: 'value', field: 'orders', test: { op: 'gte', value: 1 } },
    { type: 'consent', channel: 'email', subscribed: true },
  ],
};

interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

describe('the audiences API on a refreshed shop', () => {
  let shop: TempProject;
  let api: TestServer;
  beforeAll(async () => {
    shop = await audienceShop();
    api = await testServer(shop);
  });
  afterAll(async () => {
    await api.close();
    await shop.cleanup();
  });

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    role: 'read' | 'admin' = 'admin',
  ): Promise<Answer> => {
    const response = await api.request(`/api/v1${path}`, {
      method,
      key: api.keys[role],
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };

  it('estimates a rule: count, share, sums, a sample by predicted CLV then id, the as-of instant', async () => {
    const answer = await call('POST', '/audiences/estimate', { rule: buyers }, 'read');
    expect(answer).toEqual({
      status: 200,
      body: {
        asOf: '2024-06-30T12:00:00Z',
        members: 2,
        knownCustomers: 4,
        share: 0.5,
        revenue: 200,
        historicClv: 200,
        predictedClv: null,
        sample: [
          { customerId: 'a', revenue: 180, predictedClv: null, pAlive: 1 },
          { customerId: 'b', revenue: 20, predictedClv: null, pAlive: 1 },
        ],
        ruleText: 'all of: orders at least 1',
      },
    });
  });

  it('creates, shows, edits and deletes an audience, recording owner, versions and figures', async () => {
    const created = await call('POST', '/audiences', { name: 'Buyers', rule: buyers });
    expect(created.status).toBe(201);
    const id = created.body['id'] as string;
    expect(id).toMatch(/^aud_[0-9a-f]{10}$/);
    expect(created.body).toMatchObject({
      name: 'Buyers',
      description: '',
      owner: 'test admin',
      updatedBy: 'test admin',
      version: 1,
      includeUnsubscribed: false,
      template: null,
      streaming: false,
      // Evaluated at once (an edit evaluation): no refresh evaluation yet, so no change figures.
      members: 2,
      entered: null,
      exited: null,
      revenue: 200,
      historicClv: 200,
      predictedClv: null,
      error: null,
      rule: buyers,
      ruleText: 'all of: orders at least 1',
    });
    expect(created.body['versions']).toEqual([
      expect.objectContaining({ version: 1, name: 'Buyers', changedBy: 'test admin' }),
    ]);

    const edited = await call('POST', `/audiences/${id}`, {
      name: 'Subscribed buyers',
      rule: subscribedBuyers,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      version: 2,
      members: 1,
      revenue: 180,
      owner: 'test admin',
    });
    expect((edited.body['versions'] as { name: string }[]).map((v) => v.name)).toEqual([
      'Buyers',
      'Subscribed buyers',
    ]);

    const members = await call('GET', `/audiences/${id}/members?limit=10`, undefined, 'read');
    expect(members.status).toBe(200);
    expect(members.body).toMatchObject({
      total: 1,
      members: [
        { customerId: 'a', revenue: 180, predictedClv: null, pAlive: 1, emailSubscribed: true },
      ],
    });
    const csv = await api.request(`/api/v1/audiences/${id}/members?format=csv`, {
      key: api.keys.read,
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await csv.text()).toMatch(
      /^customer_id,entered_at,revenue,predicted_clv,p_alive,email_subscribed\na,\d{4}-\d\d-\d\dT[\d:.]+Z,180,,1,true\n$/,
    );

    const list = await call('GET', '/audiences', undefined, 'read');
    expect(list.body['audiences']).toEqual([
      expect.objectContaining({ id, name: 'Subscribed buyers', members: 1 }),
    ]);

    expect((await call('DELETE', `/audiences/${id}`)).body).toEqual({ deleted: id });
    expect((await call('GET', `/audiences/${id}`, undefined, 'read')).status).toBe(404);
    expect((await call('GET', '/audiences', undefined, 'read')).body).toEqual({ audiences: [] });
  });

  it('refuses a taken name, a malformed rule, an unknown attribute, a cycle and deleting a used audience', async () => {
    const first = await call('POST', '/audiences', { name: 'First', rule: buyers });
    const firstId = first.body['id'] as string;
    const taken = await call('POST', '/audiences', { name: 'First', rule: buyers });
    expect(taken.status).toBe(409);
    expect(taken.body.error?.message).toContain(firstId);

    const malformed = await call('POST', '/audiences', {
      name: 'Bad',
      rule: { ...buyers, conditions: [{ type: 'value', field: 'orders', test: { op: 'gte' } }] },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.message).toMatch(/^body\.rule\.conditions\.0/);

    const unknown = await call('POST', '/audiences', {
      name: 'Bad',
      rule: {
        version: 1,
        match: 'all',
        conditions: [{ type: 'attribute', attribute: 'shoe_size', test: { op: 'exists' } }],
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.message).toContain('unknown attribute "shoe_size"');

    const inFirst = {
      version: 1,
      match: 'all',
      conditions: [{ type: 'audience', audienceId: firstId, member: true }],
    };
    const second = await call('POST', '/audiences', { name: 'Second', rule: inFirst });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      members: 2,
      ruleText: 'all of: member of audience "First"',
    });
    const secondId = second.body['id'] as string;
    const cycle = await call('POST', `/audiences/${firstId}`, {
      rule: {
        version: 1,
        match: 'all',
        conditions: [{ type: 'audience', audienceId: secondId, member: true }],
      },
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error?.message).toContain(
      `cycle: "${firstId}" → "${secondId}" → "${firstId}"`,
    );

    const used = await call('DELETE', `/audiences/${firstId}`);
    expect(used.status).toBe(409);
    expect(used.body.error?.message).toContain(`"Second" (${secondId})`);

    const denied = await call('POST', '/audiences', { name: 'Reader', rule: buyers }, 'read');
    expect(denied.status).toBe(403);
  });
});

describe('the audiences API before the first refresh', () => {
  let shop: TempProject;
  let api: TestServer;
  beforeAll(async () => {
    shop = await audienceShop('none');
    api = await testServer(shop, { keys: false });
  });
  afterAll(async () => {
    await api.close();
    await shop.cleanup();
  });

  it('says to refresh first for an estimate, and saves an audience unevaluated, owned by local', async () => {
    const estimate = await api.request('/api/v1/audiences/estimate', {
      method: 'POST',
      body: JSON.stringify({ rule: buyers }),
      headers: { 'content-type': 'application/json' },
    });
    expect(estimate.status).toBe(409);
    expect(await estimate.json()).toEqual({
      error: {
        code: 'conflict',
        message:
          'no customer features yet: run clv refresh first (audiences are evaluated on refreshed data)',
      },
    });
    const created = await api.request('/api/v1/audiences', {
      method: 'POST',
      body: JSON.stringify({ name: 'Early', rule: buyers }),
      headers: { 'content-type': 'application/json' },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      owner: 'local',
      members: null,
      revenue: null,
      lastEvaluatedAt: null,
    });
  });
});
