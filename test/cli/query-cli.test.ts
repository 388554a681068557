import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryAnswer } from '../../src/query/query-answer.js';
import { runClv } from '../helpers/run-cli.js';
import type { TempProject } from '../helpers/temp-project.js';
import { queryShop } from '../query/query-shop.js';

/** The footer's time is the only part of the table that changes between runs. */
const steady = (text: string) => text.replace(/; \d+\.\d\d s;/, '; T s;');

// The query shop (figures by hand in test/query/query-shop.ts), read by the built clv.
describe('clv query', () => {
  let shop: TempProject;
  let out: string;
  beforeAll(async () => {
    shop = await queryShop();
    // The CLI opens the store itself.
    await shop.warehouse.close();
    out = await mkdtemp(join(tmpdir(), 'clv-query-cli-'));
  });
  afterAll(async () => {
    await shop.cleanup();
    await rm(out, { recursive: true, force: true });
  });

  const clv = (...args: string[]) => runClv(['query', ...args, '--project', shop.dir]);

  it('prints a table with the row count, where it cut, and the refresh', async () => {
    const result = await clv(
      'SELECT customer_id, orders, revenue, first_day FROM customer_summary ORDER BY customer_id',
      '--limit',
      '2',
    );
    expect(result.code).toBe(0);
    expect(steady(result.stdout)).toBe(
      [
        'customer_id  orders  revenue  first_day',
        'alice             2    140.5  2024-01-05',
        'bob               1     60.0  2024-01-20',
        '(2 rows, truncated at --limit 2; T s; as of refresh 1)',
        '',
      ].join('\n'),
    );
  });

  it('writes CSV and JSON lines, bound parameters, and says when it cut', async () => {
    const csv = await clv('SELECT order_key, amount FROM orders ORDER BY 1', '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe('order_key,amount\nA1,100\nA2,40.5\nB1,60\nB2,25\nC1,19.5\n');
    const cut = await clv(
      'SELECT order_key FROM orders ORDER BY 1',
      '--format',
      'csv',
      '--limit',
      '2',
    );
    expect(cut.stdout).toBe('order_key\nA1\nA2\n');
    expect(cut.stderr).toBe('clv: the first 2 rows only (truncated: --limit to see more)\n');

    const lines = await clv(
      'SELECT order_key, amount FROM orders WHERE day BETWEEN {{from}} AND {{to}} ORDER BY 1',
      '--param',
      'from=2024-02-01',
      '--param',
      'to=2024-02-29',
      '--format',
      'json',
    );
    expect(lines.code).toBe(0);
    expect(lines.stdout).toBe(
      '{"order_key":"A2","amount":40.5}\n{"order_key":"C1","amount":19.5}\n',
    );
  });

  it('gives the whole answer as one document with --json, and Parquet to a file', async () => {
    const result = await clv(
      "SELECT count(*) AS orders, sum(amount) FILTER (WHERE outcome = 'success') AS revenue FROM orders",
      '--json',
    );
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout) as QueryAnswer;
    expect(answer.columns).toEqual([
      { name: 'orders', type: 'BIGINT' },
      { name: 'revenue', type: 'DECIMAL(38,9)' },
    ]);
    expect(answer.rows).toEqual([[5, 220]]);
    expect(answer).toMatchObject({ rowCount: 1, truncated: false, refreshId: 1 });

    const file = join(out, 'orders.parquet');
    const parquet = await clv('SELECT * FROM orders', '--format', 'parquet', '--output', file);
    expect(parquet.code).toBe(0);
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PAR1');
    expect(bytes.subarray(-4).toString('latin1')).toBe('PAR1');
  });

  it('lists the tables with --schema, none of the secret ones', async () => {
    const text = await clv('--schema');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'orders (derived, 5 rows): one row per order: order_key, customer_id, ts (UTC)',
    );
    expect(text.stdout).toContain('\n  amount DECIMAL(38,9)\n');
    for (const hidden of ['api_keys', 'destinations', 'deliveries']) {
      expect(text.stdout).not.toMatch(new RegExp(`^${hidden} \\(`, 'm'));
    }
    expect(text.stdout).toMatch(/^customer_summary \(derived, 3 rows\): /m);
  });

  it('exits 2 on a refused statement and on an SQL error, naming line and column', async () => {
    const refused = await clv('DELETE FROM events');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'clv: DELETE statements are not allowed: the query service only reads (one SELECT or EXPLAIN)\n',
    );

    const wrong = await clv('SELECT *\nFROM nope');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^clv: Catalog Error: Table with name nope does not exist!/);
    expect(wrong.stderr).toMatch(/\n\(at line 2, column 6\)\n$/);
    const syntax = await clv('SELECT 1 +\n  FROM orders', '--json');
    expect(syntax.code).toBe(2);
    const body = JSON.parse(syntax.stdout) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_input');
    expect(body.error.message).toMatch(
      /syntax error at or near "FROM"[^]*\(at line 2, column 3\)$/,
    );
  });
});
