import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdnowShop } from '../helpers/cdnow-shop.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

describe('reads while a refresh runs', () => {
  let shop: TempProject;
  let api: TestServer;
  beforeAll(async () => {
    shop = await cdnowShop({ refresh: { cron: null } });
    api = await testServer(shop);
  });
  afterAll(async () => {
    await api.close();
    await shop.cleanup();
  });

  it('keep answering from the last complete refresh, with the same figures', async () => {
    const metrics = async (to: string) => {
      const response = await api.request(`/api/v1/metrics?to=${to}`, { key: api.keys.read });
      return { status: response.status, body: (await response.json()) as { kpis: unknown } };
    };
    // A different day for every read, so each one computes from the tables, not the cache.
    const days = Array.from({ length: 300 }, (_, i) =>
      new Date(Date.UTC(1997, 6, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    const refreshing = api.request('/api/v1/refresh', { method: 'POST', key: api.keys.admin });
    const during: { day: string; status: number; body: { kpis: unknown } }[] = [];
    let done = false;
    void refreshing.finally(() => (done = true));
    for (const day of days) {
      if (done) break;
      during.push({ day, ...(await metrics(day)) });
    }
    expect((await refreshing).status).toBe(200);
    expect(during.length).toBeGreaterThan(1);
    for (const answer of during) {
      expect(answer.status).toBe(200);
      // The data did not change, so the refresh that was complete while the read ran and the
      // one that replaced it give the same figures.
      expect(answer.body.kpis).toEqual((await metrics(answer.day)).body.kpis);
    }
  });
});
