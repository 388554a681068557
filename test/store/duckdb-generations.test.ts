import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbWarehouse } from '../../src/store/duckdb/duckdb-warehouse.js';

describe("DuckDB's generations (a refresh's tables built apart and published at once)", () => {
  let dir = '';
  let warehouse: DuckDbWarehouse;
  const values = async (sql: string): Promise<number[]> =>
    (await warehouse.query<{ v: number }>(sql)).map((row) => row.v);
  const generationNames = async (): Promise<string[]> =>
    (
      await warehouse.query<{ name: string }>(
        `SELECT schema_name AS name FROM duckdb_schemas()
         WHERE database_name = current_database() AND starts_with(schema_name, 'gen_')
         ORDER BY 1`,
      )
    ).map((row) => row.name);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clv-generations-'));
    warehouse = await DuckDbWarehouse.open(join(dir, 'store.duckdb'));
    // A store from before generations: the derived table itself in main.
    await warehouse.run('CREATE TABLE main.t AS SELECT 1 AS v');
  });
  afterEach(async () => {
    await warehouse.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads plain names from the generation first while it is built, and from main after', async () => {
    await warehouse.generations.create('gen_1');
    await warehouse.run('CREATE TABLE gen_1.t AS SELECT 2 AS v');
    const inside = await warehouse.generations.readingFirst('gen_1', () =>
      values('SELECT v FROM t'),
    );
    expect(inside).toEqual([2]);
    expect(await values('SELECT v FROM t')).toEqual([1]);
    // Restored when the work fails too.
    await expect(
      warehouse.generations.readingFirst('gen_1', () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await values('SELECT v FROM t')).toEqual([1]);
  });

  it('publishes the tables and what goes alongside together, or neither', async () => {
    await warehouse.run('CREATE TABLE log (n INTEGER)');
    await warehouse.generations.create('gen_1');
    await warehouse.run('CREATE TABLE gen_1.t AS SELECT 2 AS v');
    await expect(
      warehouse.generations.publish('gen_1', ['t'], async () => {
        await warehouse.run('INSERT INTO log VALUES (1)');
        throw new Error('the log failed');
      }),
    ).rejects.toThrow('the log failed');
    expect(await values('SELECT v FROM main.t')).toEqual([1]);
    expect(await values('SELECT n AS v FROM log')).toEqual([]);

    await warehouse.generations.publish('gen_1', ['t'], async () => {
      await warehouse.run('INSERT INTO log VALUES (1)');
    });
    expect(await values('SELECT v FROM main.t')).toEqual([2]);
    expect(await values('SELECT n AS v FROM log')).toEqual([1]);

    // The next generation replaces the view; the others are dropped after it.
    await warehouse.generations.create('gen_2');
    await warehouse.run('CREATE TABLE gen_2.t AS SELECT 3 AS v');
    await warehouse.generations.create('gen_9');
    await warehouse.generations.publish('gen_2', ['t'], async () => undefined);
    expect(await values('SELECT v FROM t')).toEqual([3]);
    expect(await generationNames()).toEqual(['gen_1', 'gen_2', 'gen_9']);
    await warehouse.generations.dropAllBut('gen_', 'gen_2');
    expect(await generationNames()).toEqual(['gen_2']);
    expect(await values('SELECT v FROM t')).toEqual([3]);
  });

  it('drops a generation, and creating one again starts it empty', async () => {
    await warehouse.generations.create('gen_1');
    await warehouse.run('CREATE TABLE gen_1.t AS SELECT 2 AS v');
    await warehouse.generations.create('gen_1');
    expect(
      await warehouse.query(`SELECT * FROM duckdb_tables() WHERE schema_name = 'gen_1'`),
    ).toEqual([]);
    await warehouse.generations.drop('gen_1');
    await warehouse.generations.drop('gen_1');
    expect(await generationNames()).toEqual([]);
  });

  it('refuses names that are not plain identifiers, before any statement', async () => {
    for (const name of ['gen_1; DROP TABLE t', 'Gen', '1gen', 'gen-1', '"gen"', '']) {
      await expect(warehouse.generations.create(name)).rejects.toThrow('not a generation name');
      await expect(
        warehouse.generations.publish('gen_1', [name], async () => undefined),
      ).rejects.toThrow('not a generation name');
    }
    expect(await values('SELECT v FROM t')).toEqual([1]);
  });
});
