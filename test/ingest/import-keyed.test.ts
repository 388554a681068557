import { describe, expect } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { tempProject } from '../helpers/temp-project.js';
import { projectTest } from '../helpers/project-test.js';

describe('customers, costs and rates', () => {
  const test = projectTest();

  test('upserts customers attribute by attribute, the later value winning', async ({ t }) => {
    const first = await t.file(
      'c1.csv',
      'customer_id,country,acquisition_channel\nc1,DE,organic\nc2,FR,\nc1,,social\n,XX,\n',
    );
    // c1 appears twice: one customer stored, the second row merged into it.
    expect(
      await importFile(t.warehouse, t.project, { file: first, kind: 'customers' }),
    ).toMatchObject({
      read: 4,
      inserted: 2,
      duplicates: 1,
      rejected: 1,
    });
    const second = await t.file('c2.csv', 'customer_id,country,tier\nc2,,gold\nc1,DE,\n');
    // c2 gains a tier; c1's country is already DE, so that row changes nothing.
    expect(
      await importFile(t.warehouse, t.project, { file: second, kind: 'customers' }),
    ).toMatchObject({
      read: 2,
      inserted: 1,
      duplicates: 1,
      rejected: 0,
    });
    const rows = await t.query(
      `SELECT customer_id, attributes->>'country' AS country,
              attributes->>'acquisition_channel' AS channel, attributes->>'tier' AS tier
       FROM customers ORDER BY customer_id`,
    );
    expect(rows).toEqual([
      { customer_id: 'c1', country: 'DE', channel: 'social', tier: null },
      { customer_id: 'c2', country: 'FR', channel: null, tier: 'gold' },
    ]);
    expect(
      await importFile(t.warehouse, t.project, { file: first, kind: 'customers' }),
    ).toMatchObject({
      inserted: 0,
      duplicates: 3,
      rejected: 1,
    });
  });

  test('names the customer id column by columns.customerId', async ({ keep }) => {
    const t = await keep(tempProject({ columns: { customerId: 'client' } }));
    const file = await t.file('c.csv', 'client,country\nk1,NL\n');
    expect(await importFile(t.warehouse, t.project, { file, kind: 'customers' })).toMatchObject({
      inserted: 1,
    });
    expect(await t.query(`SELECT customer_id, attributes::VARCHAR AS a FROM customers`)).toEqual([
      { customer_id: 'k1', a: '{"country":"NL"}' },
    ]);
  });

  test('upserts costs by month and channel and rejects what cannot be spend', async ({ t }) => {
    const file = await t.file(
      'costs.csv',
      'month,channel,spend\n2024-01,social,100\n2024-1,social,5\n2024-02,social,-1\n2024-02,,3\n2024-02,paid,x\n2024-01,social,150\n2024-02,paid,80\n',
    );
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'costs' });
    expect(summary).toMatchObject({ read: 7, inserted: 2, duplicates: 1, rejected: 4 });
    expect(await t.rejects(summary.rejectsFile)).toEqual([
      { line: 3, reason: 'month is not YYYY-MM: 2024-1' },
      { line: 4, reason: 'negative spend: -1' },
      { line: 5, reason: 'missing channel' },
      { line: 6, reason: 'non-numeric spend: x' },
    ]);
    expect(await t.query('SELECT month, channel, spend FROM costs ORDER BY 1, 2')).toEqual([
      { month: '2024-01', channel: 'social', spend: 150 },
      { month: '2024-02', channel: 'paid', spend: 80 },
    ]);
    const update = await t.file(
      'costs2.csv',
      'month,channel,spend\n2024-02,paid,90\n2024-01,social,150\n',
    );
    expect(await importFile(t.warehouse, t.project, { file: update, kind: 'costs' })).toMatchObject(
      {
        inserted: 1,
        duplicates: 1,
      },
    );
    const [paid] = await t.query<{ spend: number }>(
      `SELECT spend FROM costs WHERE channel = 'paid'`,
    );
    expect(paid?.spend).toBe(90);
  });

  test('upserts rates and keeps the base currency at 1', async ({ t }) => {
    const file = await t.file(
      'rates.csv',
      'currency,rate_to_base\ngbp,1.17\nEUR,2\nEUR,1\nUSDX,1\nSEK,0\nCHF,\nJPY,abc\nUSD,0.92\n',
    );
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'rates' });
    expect(summary).toMatchObject({ read: 8, inserted: 3, duplicates: 0, rejected: 5 });
    expect(await t.rejects(summary.rejectsFile)).toEqual([
      { line: 3, reason: 'the base currency EUR has rate 1, not 2' },
      { line: 5, reason: 'currency is not a three-letter code: USDX' },
      { line: 6, reason: 'rate_to_base must be positive: 0' },
      { line: 7, reason: 'missing rate_to_base' },
      { line: 8, reason: 'non-numeric rate_to_base: abc' },
    ]);
    expect(await t.query('SELECT currency, rate_to_base FROM rates ORDER BY 1')).toEqual([
      { currency: 'EUR', rate_to_base: 1 },
      { currency: 'GBP', rate_to_base: 1.17 },
      { currency: 'USD', rate_to_base: 0.92 },
    ]);
  });
});
