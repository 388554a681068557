import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefreshScheduler } from '../../src/server/refresh-scheduler.js';
import { handMadeShop } from '../helpers/hand-made-shop.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

describe('the refresh scheduler', () => {
  it('never runs two refreshes at once, and folds requests made during one into one more', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const release: (() => void)[] = [];
    const scheduler = new RefreshScheduler<number>(
      async () => {
        running += 1;
        most = Math.max(most, running);
        runs += 1;
        const id = runs;
        await new Promise<void>((resolve) => release.push(resolve));
        running -= 1;
        return id;
      },
      { debounceMs: 10, cron: null, timezone: 'UTC', onError: () => undefined },
    );
    const first = scheduler.request('manual');
    const during = [
      scheduler.request('manual'),
      scheduler.request('ingest'),
      scheduler.request('manual'),
    ];
    expect(runs).toBe(1);
    release.shift()?.();
    expect(await first).toBe(1);
    // The three requests made during the first refresh share the second.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(runs).toBe(2);
    release.shift()?.();
    expect(await Promise.all(during)).toEqual([2, 2, 2]);
    expect(most).toBe(1);
    await scheduler.stop();
  });

  it('refreshes once after ingest stops for the debounce time', async () => {
    let runs = 0;
    const scheduler = new RefreshScheduler<number>(async () => (runs += 1), {
      debounceMs: 40,
      cron: null,
      timezone: 'UTC',
      onError: () => undefined,
    });
    for (let i = 0; i < 5; i++) {
      scheduler.noteIngest();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(runs).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(runs).toBe(1);
    await scheduler.stop();
  });

  it('refuses a cron expression it cannot read', () => {
    expect(
      () =>
        new RefreshScheduler(async () => 0, {
          debounceMs: 0,
          cron: 'every quarter hour',
          timezone: 'UTC',
          onError: () => undefined,
        }),
    ).toThrow(/refresh.cron "every quarter hour" is not a cron expression/);
  });
});

describe('POST /api/v1/refresh and GET /api/v1/status', () => {
  let shop: TempProject;
  let api: TestServer;
  beforeAll(async () => {
    shop = await handMadeShop({ costs: true, config: { refresh: { cron: null } } });
    api = await testServer(shop);
  });
  afterAll(async () => {
    await api.close();
    await shop.cleanup();
  });

  it('runs concurrent refresh requests as at most two refreshes, and reports them', async () => {
    const status = async () =>
      (await (await api.request('/api/v1/status', { key: api.keys.read })).json()) as {
        lastRefresh: { refreshId: number; events: number } | null;
        eventsSinceRefresh: number;
        refreshing: boolean;
        latestOrder: string | null;
      };
    expect(await status()).toMatchObject({
      lastRefresh: null,
      eventsSinceRefresh: 12,
      latestOrder: null,
    });
    const replies = await Promise.all(
      Array.from({ length: 5 }, async () =>
        (await api.request('/api/v1/refresh', { method: 'POST', key: api.keys.admin })).json(),
      ),
    );
    const ids = new Set((replies as { refreshId: number }[]).map((r) => r.refreshId));
    expect([...ids].every((id) => id === 1 || id === 2)).toBe(true);
    const after = await status();
    expect(after.lastRefresh?.refreshId).toBe(Math.max(...ids));
    expect(after.lastRefresh?.events).toBe(12);
    expect(after.eventsSinceRefresh).toBe(0);
    expect(after.refreshing).toBe(false);
    // Order F of March 3 (pending) is the latest order.
    expect(after.latestOrder).toBe('2024-03-03');
    // Metrics answer from the refreshed tables.
    const metrics = await api.request('/api/v1/metrics', { key: api.keys.read });
    expect(metrics.status).toBe(200);
  });

  it('builds on the last refresh unless asked for full=true, and says which it did', async () => {
    const post = async (path: string) =>
      (await (await api.request(path, { method: 'POST', key: api.keys.admin })).json()) as {
        refreshId: number;
        build: unknown;
      };
    const first = await post('/api/v1/refresh');
    const inPart = await post('/api/v1/refresh');
    expect(inPart.build).toEqual({
      mode: 'incremental',
      fromRefresh: first.refreshId,
      tables: ['orders', 'customer_summary', 'consent_history', 'customer_months'],
    });
    expect((await post('/api/v1/refresh?full=true')).build).toEqual({
      mode: 'full',
      reason: 'a full rebuild was asked for',
    });
    const refused = await api.request('/api/v1/refresh?full=yes', {
      method: 'POST',
      key: api.keys.admin,
    });
    expect(refused.status).toBe(400);
  });

  it('computes again, right after a refresh, the answers people were reading', async () => {
    const cache = api.server.context.cache;
    const read = async (path: string) =>
      (await api.request(`/api/v1${path}`, { key: api.keys.read })).json();
    const before = await read('/metrics?series=month');
    await read('/metrics/deciles');
    expect(cache.size).toBeGreaterThanOrEqual(2);
    await api.request('/api/v1/refresh', { method: 'POST', key: api.keys.admin });
    // The renewal runs behind the refresh's reply: both answers come back without a request.
    await expect.poll(() => cache.size, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    // Nothing changed in the data, so the renewed answer is the same figures.
    expect(await read('/metrics?series=month')).toEqual(before);
  });
  it('refreshes on schedule when a derived table is missing (a store refreshed by an older version)', async () => {
    const { refresher, write } = api.server.context;
    // Nothing was imported since the last refresh: the schedule has nothing to do.
    expect(await refresher.request('schedule')).toBeNull();
    // As if the version that refreshed the store had no such table.
    const copies = await write.query<{ schema: string; type: string }>(
      `SELECT table_schema AS schema, table_type AS type FROM information_schema.tables
       WHERE table_name = 'customer_attributes'`,
    );
    for (const { schema, type } of copies) {
      await write.run(`DROP ${type === 'VIEW' ? 'VIEW' : 'TABLE'} ${schema}.customer_attributes`);
    }
    expect((await api.request('/api/v1/metrics/rfm', { key: api.keys.read })).status).toBe(409);
    const summary = await refresher.request('schedule');
    expect(summary).not.toBeNull();
    const metrics = await api.request('/api/v1/metrics', { key: api.keys.read });
    expect(metrics.status).toBe(200);
  });
});
