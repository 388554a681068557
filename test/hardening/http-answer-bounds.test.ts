import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';
import { expectErrorShape, refreshedShop } from './http-support.js';

// The hand-made shop's latest event is on 2024-03-03: report dates run up to 2025-03-03.
const BOUNDS = 'must be a day from 1970-01-01 to 2025-03-03 (one year after the latest event)';

interface ErrorBody {
  error: { code: string; message: string; details?: { field: string }[] };
}

describe('report dates bounded by the data', () => {
  let shop: TempProject;
  let api: TestServer;
  beforeAll(async () => {
    shop = await refreshedShop({ refresh: { cron: null } });
    api = await testServer(shop);
  });
  afterAll(async () => {
    await api.close();
    await shop.cleanup();
  });

  const get = async (path: string): Promise<{ status: number; body: unknown }> => {
    const response = await api.request(`/api/v1${path}`, { key: api.keys.admin });
    return { status: response.status, body: await response.json() };
  };

  it('answers 400 naming the field for a day past a year after the latest event, or before 1970', async () => {
    const cases: [string, string[]][] = [
      ['/metrics/cohorts?to=9999-12-31', ['query.to']],
      ['/metrics/cohorts?to=2025-03-04', ['query.to']],
      ['/metrics?from=1900-01-01&to=9999-12-31&series=month', ['query.from', 'query.to']],
      ['/metrics?from=1969-12-31&to=2024-01-01', ['query.from']],
      ['/metrics/segments?segment=email&to=3000-01-01', ['query.to']],
      ['/metrics/deciles?to=9999-12-31', ['query.to']],
      ['/metrics/rfm?to=9999-12-31', ['query.to']],
      ['/metrics/channels?from=0001-01-01', ['query.from']],
      ['/metrics/nps?to=9999-12-31', ['query.to']],
    ];
    for (const [path, fields] of cases) {
      const { status, body } = await get(path);
      expect([path, status]).toEqual([path, 400]);
      const error = (body as ErrorBody).error;
      expect(error.code).toBe('bad_input');
      expect(error.details?.map((d) => d.field)).toEqual(fields);
      expect(error.message).toContain(`${fields[0]}: ${BOUNDS}`);
    }
    const holdout = await api.request('/api/v1/model/holdout', {
      method: 'POST',
      key: api.keys.admin,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ holdoutFrom: '9999-01-01' }),
    });
    expect(holdout.status).toBe(400);
    expect(((await holdout.json()) as ErrorBody).error.message).toBe(
      `body.holdoutFrom: ${BOUNDS}, not 9999-01-01`,
    );
  });

  it('answers the days at the bounds themselves', async () => {
    const last = await get('/metrics/cohorts?to=2025-03-03');
    expect(last.status).toBe(200);
    // Three buyers' first orders: c1 and c2 in January 2024, c3 in March; c4's order is pending.
    const cohorts = (
      last.body as { cohorts: { cohort: string; customers: number; retention: number[] }[] }
    ).cohorts;
    // Each buyer's first successful order (c1's January order was returned, c4's is pending),
    // followed month by month up to March 2025, the month `to` falls in; nobody bought again.
    expect(cohorts.map((c) => [c.cohort, c.customers, c.retention.length])).toEqual([
      ['2024-01', 1, 15],
      ['2024-02', 1, 14],
      ['2024-03', 1, 13],
    ]);
    expect(cohorts[0]?.retention.slice(0, 3)).toEqual([1, 0, 0]);
    expect((await get('/metrics?from=1970-01-01&to=2025-03-03')).status).toBe(200);
  });
});

describe('answer sizes and the response cache', () => {
  let shop: TempProject;
  let api: TestServer;
  beforeAll(async () => {
    // 4 KB answers at most; 12 KB of cached answers.
    shop = await refreshedShop({
      refresh: { cron: null },
      server: { maxAnswerMb: 4 / 1024, cacheMb: 12 / 1024 },
    });
    api = await testServer(shop);
  });
  afterAll(async () => {
    await api.close();
    await shop.cleanup();
  });

  it('refuses an answer over server.maxAnswerMb with 413, and serves the smaller ones', async () => {
    const big = await api.request('/api/v1/metrics?series=month&to=2024-04-01', {
      key: api.keys.read,
    });
    expect(big.status).toBe(413);
    const error = expectErrorShape(await big.text());
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(
      /^the answer would be [\d.]+ MB, more than the 0\.0 MB a response may have \(server\.maxAnswerMb\)/,
    );
    const small = await api.request('/api/v1/metrics/nps', { key: api.keys.read });
    expect(small.status).toBe(200);
  });

  it('keeps at most server.cacheMb of answers, and computes an evicted one again alike', async () => {
    const { cache } = api.server.context;
    const limit = 12 * 1024;
    const days: string[] = [];
    for (let day = 1; day <= 12; day++) days.push(`2024-02-${String(day).padStart(2, '0')}`);
    const answers = new Map<string, string>();
    for (const to of days) {
      const response = await api.request(`/api/v1/metrics?to=${to}`, { key: api.keys.read });
      expect(response.status).toBe(200);
      answers.set(to, await response.text());
      expect(cache.bytes).toBeLessThanOrEqual(limit);
    }
    expect(cache.bytes).toBeGreaterThan(limit / 2);
    expect(cache.size).toBeLessThan(days.length);
    // Asked again, an evicted answer is computed again, the same as before.
    const again = await api.request(`/api/v1/metrics?to=${days[0]}`, { key: api.keys.read });
    expect(await again.text()).toBe(answers.get(days[0] ?? ''));
  });
});
