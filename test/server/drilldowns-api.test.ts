import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { refresh } from '../../src/model/refresh.js';
import { handMadeShop } from '../helpers/hand-made-shop.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

// The hand-made shop (see its helper) with a plan attribute that no drill-down names: c1 and
// c2 "gold_tier", c3 "basic", c4 none. Configured drill-downs: country (no customer has it)
// and acquisition_channel.
describe('drill-downs by any known attribute, and order outcomes by month', () => {
  let shop: TempProject;
  let api: TestServer;
  beforeAll(async () => {
    shop = await handMadeShop({ customers: true });
    const plans =
      'customer_id,acquisition_channel,plan\nc1,social,gold_tier\nc2,social,gold_tier\nc3,search,basic\nc4,,\n';
    await importFile(shop.warehouse, shop.project, {
      file: await shop.file('plans.csv', plans),
      kind: 'customers',
    });
    await refresh(shop.warehouse, shop.project.config);
    api = await testServer(shop, { keys: false });
  });
  afterAll(async () => {
    await api.close();
    await shop.cleanup();
  });

  const get = async (path: string): Promise<{ status: number; body: unknown }> => {
    const response = await api.request(`/api/v1${path}`);
    return { status: response.status, body: await response.json() };
  };

  it('lists every known attribute with its top values, the configured drill-downs first', async () => {
    expect(await get('/metrics/attributes')).toEqual({
      status: 200,
      body: {
        attributes: [
          { name: 'country', configured: true, values: [] },
          {
            name: 'acquisition_channel',
            configured: true,
            values: [
              { value: 'social', customers: 2 },
              { value: 'search', customers: 1 },
            ],
          },
          {
            name: 'plan',
            configured: false,
            values: [
              { value: 'gold_tier', customers: 2 },
              { value: 'basic', customers: 1 },
            ],
          },
        ],
      },
    });
    const status = (await get('/status')).body as { segmentations: string[] };
    expect(status.segmentations).toEqual([
      'email',
      'sms',
      'attribute:country',
      'attribute:acquisition_channel',
      'attribute:plan',
    ]);
  });

  it('segments by an attribute found at refresh, as by a configured one', async () => {
    const groups = await get('/metrics/segments?segment=attribute:plan&to=2024-04-01');
    expect(groups).toEqual({
      status: 200,
      body: {
        segmentation: 'attribute:plan',
        asOf: '2024-04-01',
        groups: [
          { segment: 'gold_tier', customers: 2 },
          { segment: 'basic', customers: 1 },
          { segment: 'other', customers: 1 },
        ],
        note: null,
      },
    });
    // Orders A, B (c1) and C (c2): revenue of the gold tier in Jan–Mar is B 50 + C 100.
    const metrics = await get('/metrics?from=2024-01-01&to=2024-04-01&segment=attribute:plan');
    const segments = (
      metrics.body as { segments: { segment: string; kpis: { revenue: { value: number } } }[] }
    ).segments;
    expect(segments.map((s) => [s.segment, s.kpis.revenue.value])).toEqual([
      ['gold_tier', 150],
      ['basic', 20],
      ['other', 0],
    ]);
  });

  it('answers a configured attribute no customer has with one group and a note', async () => {
    expect(await get('/metrics/segments?segment=attribute:country&to=2024-04-01')).toEqual({
      status: 200,
      body: {
        segmentation: 'attribute:country',
        asOf: '2024-04-01',
        groups: [{ segment: 'other', customers: 4 }],
        note: 'no customer has a value for the attribute "country": every customer is in "other"',
      },
    });
  });

  it('refuses an unknown attribute with a 400 naming the known ones', async () => {
    for (const path of [
      '/metrics?segment=attribute:nope',
      '/metrics/segments?segment=attribute:nope',
      '/metrics/order-outcomes?segment=attribute:nope&group=x',
    ]) {
      const { status, body } = await get(path);
      expect([path, status]).toEqual([path, 400]);
      expect((body as { error: { message: string } }).error.message).toBe(
        'segment: unknown attribute "nope": the known ones are "country", "acquisition_channel", "plan"',
      );
    }
  });

  it('names the parameter, not a command-line option, in its 400s', async () => {
    const messages: Record<string, string> = {
      '/metrics?segment=bogus': '`segment` must be email, sms or attribute:NAME, not "bogus"',
      '/metrics?from=2024-03-01&to=2024-02-01':
        '`from` (2024-03-01) must come before `to` (2024-02-01)',
    };
    for (const [path, message] of Object.entries(messages)) {
      const { status, body } = await get(path);
      expect([path, status, (body as { error: { message: string } }).error.message]).toEqual([
        path,
        400,
        message,
      ]);
    }
  });

  it('counts successful, canceled and returned orders and their value by month', async () => {
    // Jan: C success 100 (80 GBP), A returned 100. Feb: B success 50. Mar: e8 success 20, E
    // canceled 30, F pending (other) 10. Cancel rate (canceled + returned) / the three.
    const none = { orders: 0, value: 0 };
    const { status, body } = await get('/metrics/order-outcomes?from=2024-01-01&to=2024-05-01');
    expect(status).toBe(200);
    expect(body).toEqual({
      period: { from: '2024-01-01', to: '2024-05-01' },
      currency: 'EUR',
      segment: null,
      months: [
        {
          month: '2024-01',
          success: { orders: 1, value: 100 },
          canceled: none,
          returned: { orders: 1, value: 100 },
          other: none,
          cancelRate: 0.5,
          returnRate: 0.5,
        },
        {
          month: '2024-02',
          success: { orders: 1, value: 50 },
          canceled: none,
          returned: none,
          other: none,
          cancelRate: 0,
          returnRate: 0,
        },
        {
          month: '2024-03',
          success: { orders: 1, value: 20 },
          canceled: { orders: 1, value: 30 },
          returned: none,
          other: { orders: 1, value: 10 },
          cancelRate: 0.5,
          returnRate: 0,
        },
        {
          month: '2024-04',
          success: none,
          canceled: none,
          returned: none,
          other: none,
          cancelRate: null,
          returnRate: null,
        },
      ],
      total: {
        success: { orders: 3, value: 170 },
        canceled: { orders: 1, value: 30 },
        returned: { orders: 1, value: 100 },
        other: { orders: 1, value: 10 },
        cancelRate: 0.4,
        returnRate: 0.2,
      },
    });
    // The same rates as the KPIs of the period.
    const kpis = (await get('/metrics?from=2024-01-01&to=2024-05-01')).body as {
      kpis: Record<string, { value: number | null }>;
    };
    expect([kpis.kpis['cancelRate']?.value, kpis.kpis['returnRate']?.value]).toEqual([0.4, 0.2]);
  });

  it('counts the orders of one group of a segmentation', async () => {
    // Search: c3 only (E canceled 30, e8 success 20).
    const { body } = await get(
      '/metrics/order-outcomes?from=2024-01-01&to=2024-04-01&segment=attribute:acquisition_channel&group=search',
    );
    const report = body as {
      segment: unknown;
      total: { success: unknown; canceled: unknown; returned: unknown; cancelRate: number };
    };
    expect(report.segment).toEqual({
      segmentation: 'attribute:acquisition_channel',
      group: 'search',
    });
    expect(report.total).toMatchObject({
      success: { orders: 1, value: 20 },
      canceled: { orders: 1, value: 30 },
      returned: { orders: 0, value: 0 },
      cancelRate: 0.5,
    });
  });
});
