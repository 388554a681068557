import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { createSavedQuery } from '../../src/query/saved-queries.js';
import { AUDIENCE_SHOP_CUSTOMERS, AUDIENCE_SHOP_EVENTS } from '../helpers/audience-shop.js';
import { importedShop } from '../helpers/imported-shop.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

// The audience shop (a, b, c, d; c and d viewed a page) with the dataset `tiers`: a, b, c.
const TIERS = `SELECT * FROM (VALUES ('a', 1), ('b', 2), ('c', 3)) AS v(customer_id, tier)`;
const inTiersAndViewed = {
  version: 1,
  match: 'all',
  conditions: [
    { type: 'dataset', dataset: 'tiers', member: true },
    { type: 'event', eventType: 'page_view' },
  ],
};

interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

describe('dataset conditions through the API', () => {
  let shop: TempProject;
  let api: TestServer;
  beforeAll(async () => {
    shop = await importedShop({
      config: { refresh: { cron: null, debounceSeconds: 3600 } },
      files: [
        { kind: 'events', content: AUDIENCE_SHOP_EVENTS },
        { kind: 'customers', content: AUDIENCE_SHOP_CUSTOMERS },
      ],
    });
    await createSavedQuery(
      shop.warehouse,
      { name: 'Tiers', sql: TIERS, dataset: 'tiers' },
      'local',
    );
    await refreshAll(shop.warehouse, shop.project.config, undefined, {
      queryDir: shop.project.queryDir,
    });
    api = await testServer(shop);
  }, 60_000);
  afterAll(async () => {
    await api.close();
    await shop.cleanup();
  });

  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await api.request(`/api/v1${path}`, {
      method,
      key: api.keys.admin,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const members = async (audience: string): Promise<string[]> =>
    (
      await api.server.context.reads.use((w) =>
        w.query<{ id: string }>(
          `SELECT customer_id AS id FROM audience_members
           WHERE audience_id = $audience AND exited_at IS NULL ORDER BY 1`,
          { audience },
        ),
      )
    ).map((row) => row.id);

  it('lists the dataset in the query schema with its columns, for the builder', async () => {
    const schema = await call('GET', '/query/schema');
    expect(schema.status).toBe(200);
    const tables = schema.body['tables'] as { name: string; group: string; columns: object[] }[];
    expect(tables.find((table) => table.name === 'dataset_tiers')).toMatchObject({
      group: 'datasets',
      columns: [
        { name: 'customer_id', type: 'VARCHAR' },
        { name: 'tier', type: 'INTEGER' },
      ],
    });
  });

  it('answers 400 naming the known datasets and columns, and to SQL in a name', async () => {
    const estimate = (condition: object) =>
      call('POST', '/audiences/estimate', {
        rule: { version: 1, match: 'all', conditions: [condition] },
      });
    const unknown = await estimate({ type: 'dataset', dataset: 'tier', member: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.code).toBe('bad_input');
    expect(unknown.body.error?.message).toMatch(/^unknown dataset "tier": known are tiers \(/);
    const column = await estimate({
      type: 'dataset',
      dataset: 'tiers',
      member: true,
      column: 'rank',
      test: { op: 'lte', value: 2 },
    });
    expect(column.status).toBe(400);
    expect(column.body.error?.message).toBe(
      'unknown column "rank" of dataset tiers: known are customer_id, tier',
    );
    for (const hostile of [
      { type: 'dataset', dataset: `tiers WHERE 1=1; DROP TABLE events; --`, member: true },
      {
        type: 'dataset',
        dataset: 'tiers',
        member: true,
        column: `tier) OR (1=1`,
        test: { op: 'exists' },
      },
    ]) {
      const refused = await estimate(hostile);
      expect(refused.status, JSON.stringify(hostile)).toBe(400);
    }
    const saved = await call('POST', '/audiences', {
      name: 'Unknown dataset',
      rule: {
        version: 1,
        match: 'all',
        conditions: [{ type: 'dataset', dataset: 'nope', member: true }],
      },
    });
    expect(saved.status).toBe(400);
  });

  it('saves a rule on a dataset and re-evaluates it as events arrive, reading the dataset as it is', async () => {
    const created = await call('POST', '/audiences', {
      name: 'Tiered viewers',
      rule: inTiersAndViewed,
    });
    expect(created.status).toBe(201);
    const id = String(created.body['id']);
    expect(created.body['streaming']).toBe(true);
    expect(await members(id)).toEqual(['c']);
    const view = (eventId: string, customer: string) => ({
      event_id: eventId,
      customer_id: customer,
      type: 'page_view',
      timestamp: '2024-06-30T11:00:00Z',
    });
    const ingested = await api.request('/api/v1/events', {
      method: 'POST',
      key: api.keys.ingest,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([view('v1', 'a'), view('v2', 'e')]),
    });
    expect(ingested.status).toBe(200);
    await api.server.context.streaming.idle();
    // a is in the dataset and now viewed a page; e (new) viewed one but has no row.
    expect(await members(id)).toEqual(['a', 'c']);
  });
});
