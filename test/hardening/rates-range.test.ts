import { describe, expect } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { openStore } from '../../src/store/open-store.js';
import { runClv } from '../helpers/run-cli.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { projectTest } from '../helpers/project-test.js';
import { testServer } from '../helpers/test-server.js';

const EVENTS = [
  'event_id,customer_id,type,timestamp,amount,currency',
  'e1,c1,purchase,2024-01-02,10,CHF',
  'e2,c2,purchase,2024-01-03,10,EUR',
].join('\n');

describe('exchange rates and spend outside the accepted ranges', () => {
  const test = projectTest(() => tempProject({ refresh: { cron: null } }));

  test('rejects a rate that is not a finite number above 0 and at most 1e9, with a reason', async ({
    t,
  }) => {
    const file = await t.file(
      'rates.csv',
      [
        'currency,rate_to_base',
        'CHF,1e19',
        'USD,0',
        'JPY,inf',
        'GBP,nan',
        'SEK,-1',
        'NOK,1e9',
        'DKK,0.134',
      ].join('\n'),
    );
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'rates' });
    expect(summary).toMatchObject({ read: 7, inserted: 2, rejected: 5 });
    expect(await t.rejects(summary.rejectsFile)).toEqual([
      { line: 2, reason: 'rate_to_base above 1000000000: 1e19' },
      { line: 3, reason: 'rate_to_base must be positive: 0' },
      { line: 4, reason: 'non-numeric rate_to_base: inf' },
      { line: 5, reason: 'non-numeric rate_to_base: nan' },
      { line: 6, reason: 'rate_to_base must be positive: -1' },
    ]);
    expect(await t.query('SELECT currency, rate_to_base FROM rates ORDER BY currency')).toEqual([
      { currency: 'DKK', rate_to_base: 0.134 },
      { currency: 'NOK', rate_to_base: 1e9 },
    ]);
  });

  test('a rate of 1e19 stored by an older version does not block later imports, by file or over HTTP', async ({
    t,
  }) => {
    // What an older version let in: the rate is in the store, with its import's row.
    await t.warehouse.run(
      `INSERT INTO imports VALUES (1, 'rates', 'old.csv', 'csv', now()::TIMESTAMP, 0, 1, 1, 0, 0, NULL)`,
    );
    await t.warehouse.run(`INSERT INTO rates VALUES ('CHF', 1e19, 1)`);
    const file = await t.file('events.csv', EVENTS);
    await t.warehouse.close();
    const result = await runClv(['import', file, '--kind', 'events', '--project', t.dir, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ read: 2, inserted: 1, rejected: 1 });

    const api = await testServer(await tempProjectAt(t), { keys: false });
    try {
      const response = await api.request('/api/v1/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          {
            event_id: 'h1',
            customer_id: 'c1',
            type: 'purchase',
            timestamp: '2024-02-01',
            amount: 3,
            currency: 'CHF',
          },
          {
            event_id: 'h2',
            customer_id: 'c1',
            type: 'purchase',
            timestamp: '2024-02-01',
            amount: 3,
          },
        ]),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        accepted: 1,
        rejected: [{ index: 0, reason: 'currency without a rate: CHF' }],
      });
    } finally {
      await api.close();
    }
  });

  test('rejects monthly spend above import.maxAmount', async ({ t }) => {
    const file = await t.file(
      'costs.csv',
      'month,channel,spend\n2024-01,ads,1e30\n2024-02,ads,1e13\n',
    );
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'costs' });
    expect(summary).toMatchObject({ read: 2, inserted: 1, rejected: 1 });
    expect(await t.rejects(summary.rejectsFile)).toEqual([
      { line: 2, reason: 'spend above 10000000000000 (import.maxAmount): 1e30' },
    ]);
  });
});

/** The project of `t` with its store opened again (the CLI closed it). */
async function tempProjectAt(t: TempProject): Promise<TempProject> {
  return { ...t, warehouse: await openStore(t.project) };
}
