import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbWarehouse } from '../../src/store/duckdb/duckdb-warehouse.js';

describe("DuckDB's versioned tables (rows that carry the versions that added and retired them)", () => {
  let dir = '';
  let warehouse: DuckDbWarehouse;
  const seen = async (version: number): Promise<string[]> =>
    (
      await warehouse.query<{ row: string }>(
        `SELECT k || '=' || v AS row FROM (${warehouse.versioned.at('sales_1', version)}) ORDER BY 1`,
      )
    ).map((r) => r.row);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clv-versioned-'));
    warehouse = await DuckDbWarehouse.open(join(dir, 'store.duckdb'));
  });
  afterEach(async () => {
    await warehouse.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows each version its rows: those added by then and not yet retired', async () => {
    await warehouse.versioned.build(
      'sales_1',
      `SELECT * FROM (VALUES ('a', 1), ('b', 2), ('c', $three)) t(k, v)`,
      { three: 3 },
      1,
    );
    await warehouse.scratch.fromQuery('keys_1', `SELECT 'b' AS k UNION ALL SELECT 'd'`);
    await warehouse.versioned.replace(
      'sales_1',
      'k',
      'keys_1',
      `SELECT * FROM (VALUES ('b', 20), ('d', $four)) t(k, v)`,
      { four: 40 },
      2,
    );
    expect(await seen(1)).toEqual(['a=1', 'b=2', 'c=3']);
    expect(await seen(2)).toEqual(['a=1', 'b=20', 'c=3', 'd=40']);
    // Columns in another order are added by name.
    await warehouse.scratch.fromQuery('keys_1', `SELECT 'a' AS k`);
    await warehouse.versioned.replace(
      'sales_1',
      'k',
      'keys_1',
      `SELECT 10 AS v, 'a' AS k`,
      undefined,
      3,
    );
    expect(await seen(2)).toEqual(['a=1', 'b=20', 'c=3', 'd=40']);
    expect(await seen(3)).toEqual(['a=10', 'b=20', 'c=3', 'd=40']);
    expect(await warehouse.versioned.existing(['sales_1', 'sales_9'])).toEqual(['sales_1']);

    // Forgetting up to 3 keeps what version 3 sees and drops the tables not kept.
    await warehouse.versioned.build('other_2', 'SELECT 1 AS x', undefined, 2);
    await warehouse.versioned.forget(['sales_1'], 3);
    expect(await seen(3)).toEqual(['a=10', 'b=20', 'c=3', 'd=40']);
    const [stored] = await warehouse.query<{ n: number }>(
      `SELECT count(*) AS n FROM versioned_rows.sales_1`,
    );
    expect(stored?.n).toBe(4);
    expect(await warehouse.versioned.existing(['sales_1', 'other_2'])).toEqual(['sales_1']);
  });

  it('refuses names and versions that are not plain', async () => {
    await expect(
      warehouse.versioned.build('x; DROP TABLE y', 'SELECT 1 AS k', undefined, 1),
    ).rejects.toThrow(/not a versioned table name/);
    expect(() => warehouse.versioned.at('sales_1', 1.5)).toThrow(/not a version: 1.5/);
    await warehouse.versioned.build('sales_1', 'SELECT 1 AS k', undefined, 1);
    await expect(
      warehouse.versioned.replace('sales_1', 'k OR 1=1', 'keys', 'SELECT 1 AS k', undefined, 2),
    ).rejects.toThrow(/not a key column name/);
  });
});
