import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handMadeShop } from '../helpers/hand-made-shop.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';
import { memoryLimit } from '../helpers/memory-limit.js';

/** Enough rows that the import is still storing them when the refresh is asked for. */
const ROWS = 200_000;
/** The hand-made shop's events. */
const BEFORE = 12;
/** What the engine reports for `import.memoryLimitMb: 256`. */
const IMPORT_LIMIT = '244.1 MiB';

function purchases(): string {
  const lines = ['event_id,customer_id,type,timestamp,amount'];
  for (let i = 0; i < ROWS; i += 1) {
    lines.push(`lane${i},c${i % 1009},purchase,2024-02-0${1 + (i % 9)}T10:00:00Z,${i % 50}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('an import and a refresh asked for together in clv serve', () => {
  let shop: TempProject;
  let api: TestServer;
  beforeAll(async () => {
    shop = await handMadeShop({
      config: { refresh: { cron: null }, import: { memoryLimitMb: 256 } },
    });
    api = await testServer(shop);
  });
  afterAll(async () => {
    await api.close();
    await shop.cleanup();
  });

  it('run one after the other: the refresh is not held to the import memory limit, and reads every imported row', async () => {
    const file = await shop.file('purchases.csv', purchases());
    const { reads } = api.server.context;
    const unlimited = await reads.use(memoryLimit);
    expect(unlimited).not.toBe(IMPORT_LIMIT);
    const imported = api.request('/api/v1/imports/local', {
      method: 'POST',
      key: api.keys.admin,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: file, kind: 'events' }),
    });
    // The limit is the engine's, so a reading connection sees it once the import is under way.
    const deadline = Date.now() + 30_000;
    while ((await reads.use(memoryLimit)) !== IMPORT_LIMIT) {
      if (Date.now() > deadline) throw new Error('the import never held the engine to its limit');
    }
    const refreshed = api.request('/api/v1/refresh', { method: 'POST', key: api.keys.admin });
    const [importReply, refreshReply] = await Promise.all([imported, refreshed]);
    expect(importReply.status).toBe(200);
    expect(await importReply.json()).toMatchObject({ inserted: ROWS, rejected: 0 });
    expect(refreshReply.status).toBe(200);
    // Had it run beside the import, the refresh would have read the events before it.
    expect(await refreshReply.json()).toMatchObject({ refreshId: 1, events: BEFORE + ROWS });
    expect(await reads.use(memoryLimit)).toBe(unlimited);
  });
});
