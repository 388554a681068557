import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbWarehouse } from '../../src/store/duckdb/duckdb-warehouse.js';
import type { CellValue } from '../../src/store/warehouse.js';

describe("DuckDB's scratch tables (a task's working tables, its connection's own)", () => {
  let dir = '';
  let warehouse: DuckDbWarehouse;
  const values = async (sql: string): Promise<CellValue[]> =>
    (await warehouse.query<{ v: CellValue }>(sql)).map((row) => row.v);
  const temporary = async (): Promise<string[]> =>
    (
      await warehouse.query<{ name: string }>(
        `SELECT table_name AS name FROM duckdb_tables() WHERE temporary ORDER BY 1`,
      )
    ).map((row) => row.name);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clv-scratch-'));
    warehouse = await DuckDbWarehouse.open(join(dir, 'store.duckdb'));
  });
  afterEach(async () => {
    await warehouse.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("holds a query's rows, with bound values, and replaces a table of the same name", async () => {
    await warehouse.scratch.fromQuery('work_1', 'SELECT range * $k AS v FROM range(3)', { k: 10 });
    expect(await values('SELECT v FROM work_1 ORDER BY v')).toEqual([0, 10, 20]);
    await warehouse.scratch.fromQuery('work_1', 'SELECT 7 AS v');
    expect(await values('SELECT v FROM work_1')).toEqual([7]);
    expect(await temporary()).toEqual(['work_1']);
  });

  it('makes empty tables of neutral column types, in order, for the bulk path', async () => {
    await warehouse.scratch.withColumns('typed_1', [
      ['t', 'text'],
      ['i', 'integer'],
      ['b', 'bigint'],
      ['d', 'double'],
      ['f', 'boolean'],
      ['ts', 'timestamp'],
      ['day', 'date'],
    ]);
    const types = await warehouse.query<{ name: string; type: string }>(
      `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
       WHERE table_name = 'typed_1' ORDER BY column_index`,
    );
    expect(types.map(({ name, type }) => `${name} ${type}`)).toEqual([
      't VARCHAR',
      'i INTEGER',
      'b BIGINT',
      'd DOUBLE',
      'f BOOLEAN',
      'ts TIMESTAMP',
      'day DATE',
    ]);
    expect(await warehouse.append('typed_1', [['a', 1, 2, 0.5, true, null, null]])).toBe(1);
    expect(await warehouse.query('SELECT * FROM typed_1')).toEqual([
      { t: 'a', i: 1, b: 2, d: 0.5, f: true, ts: null, day: null },
    ]);
  });

  it('is not stored: another connection does not see it, and the store reopened has none', async () => {
    await warehouse.scratch.fromQuery('seen_1', 'SELECT 1 AS v');
    const other = await warehouse.fork();
    try {
      await expect(other.query('SELECT v FROM seen_1')).rejects.toThrow(/seen_1/);
    } finally {
      await other.close();
    }
    await warehouse.close();
    warehouse = await DuckDbWarehouse.open(join(dir, 'store.duckdb'));
    expect(await temporary()).toEqual([]);
  });

  it('drops only the scratch table, never a stored table of the same name', async () => {
    await warehouse.run('CREATE TABLE main.same_1 AS SELECT 1 AS v');
    await warehouse.scratch.fromQuery('same_1', 'SELECT 2 AS v');
    await warehouse.scratch.drop('same_1');
    await warehouse.scratch.drop('same_1');
    await warehouse.scratch.drop('never_made');
    expect(await values('SELECT v FROM same_1')).toEqual([1]);
    expect(await temporary()).toEqual([]);
  });

  it('refuses names that are not plain lower-case identifiers, before any statement', async () => {
    await warehouse.run('CREATE TABLE kept AS SELECT 1 AS v');
    for (const name of ['kept; DROP TABLE kept', 'Upper', 'a-b', '"q"', '', '1abc', 'x y']) {
      await expect(warehouse.scratch.fromQuery(name, 'SELECT 1')).rejects.toThrow(
        `not a scratch table name: ${name}`,
      );
      await expect(warehouse.scratch.drop(name)).rejects.toThrow('not a scratch table name');
    }
    await expect(
      warehouse.scratch.withColumns('ok_1', [['v INTEGER); DROP TABLE kept; --', 'integer']]),
    ).rejects.toThrow('not a column name');
    expect(await values('SELECT v FROM kept')).toEqual([1]);
  });

  it('drops the table withScratchTable names whether the work resolves or throws', async () => {
    let named = '';
    await expect(
      warehouse.withScratchTable('failing', async (table) => {
        named = table;
        await warehouse.scratch.fromQuery(table, 'SELECT 1 AS v');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(named).toMatch(/^failing_\d+_\d+$/);
    expect(await temporary()).toEqual([]);
  });
});
