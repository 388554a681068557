import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { holdoutRunningSince } from '../../src/server/routes/holdout-runs.js';
import { handMadeShop } from '../helpers/hand-made-shop.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

describe('the holdout check over HTTP', () => {
  let api: TestServer;
  beforeAll(async () => {
    const shop = await handMadeShop();
    await refreshAll(shop.warehouse, shop.project.config);
    api = await testServer(shop);
  });
  afterAll(() => api.close());

  it('answers null, not 404, before any holdout check was run', async () => {
    const response = await api.request('/api/v1/model/holdout', { key: api.keys.read });
    expect(response.status).toBe(200);
    expect(await response.json()).toBeNull();
  });

  it('refuses a second holdout check while one runs, by name, and takes one again after', async () => {
    // Hold the write lane so the first check waits inside its run.
    let release = () => {};
    const held = api.server.context.writes.run(
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    const post = () =>
      api.request('/api/v1/model/holdout', {
        key: api.keys.admin,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ holdoutFrom: '2024-03-01' }),
      });
    const first = post();
    await expect
      .poll(() => holdoutRunningSince(api.server.context), { timeout: 5_000 })
      .toBeInstanceOf(Date);
    const second = await post();
    expect(second.status).toBe(409);
    const { error } = (await second.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/^a holdout check is already running \(started \d{4}-/);
    release();
    await held;
    // The hand-made shop is fitted; its holdout check may still find too few repeat buyers (400).
    expect([200, 400]).toContain((await first).status);
    expect(holdoutRunningSince(api.server.context)).toBeNull();
    expect([200, 400]).toContain((await post()).status);
  });
});
