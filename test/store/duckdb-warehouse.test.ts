import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbWarehouse } from '../../src/store/duckdb/duckdb-warehouse.js';
import { migrate } from '../../src/store/migrate.js';
import type { Row } from '../../src/store/warehouse.js';

describe('the DuckDB warehouse', () => {
  let dir: string;
  let file: string;
  let warehouse: DuckDbWarehouse;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clv-store-'));
    file = join(dir, 'clv.duckdb');
    warehouse = await DuckDbWarehouse.open(file);
  });
  afterEach(async () => {
    await warehouse.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('binds named parameters and reads plain values', async () => {
    const rows = await warehouse.query(
      `SELECT $n::INTEGER + 1 AS n, $s AS s, 10::BIGINT * 3 AS big, NULL AS nothing,
              TIMESTAMP '2024-02-29 13:45:00' AS ts, DATE '2024-03-01' AS d, 1.25::DECIMAL(5,2) AS dec,
              [1, 2] AS list, {'a': 1} AS obj`,
      { n: 41, s: "it's" },
    );
    expect(rows).toEqual([
      {
        n: 42,
        s: "it's",
        big: 30,
        nothing: null,
        ts: '2024-02-29 13:45:00',
        d: '2024-03-01',
        dec: 1.25,
        list: [1, 2],
        obj: { a: 1 },
      },
    ]);
  });

  it('binds any finite double as DOUBLE, even past the range of a 64-bit integer', async () => {
    await warehouse.run('CREATE TABLE t (v DOUBLE)');
    await warehouse.run('INSERT INTO t VALUES ($v)', { v: 2.6e305 });
    await warehouse.run('INSERT INTO t VALUES ($v)', { v: 1e19 });
    const rows = await warehouse.query(
      'SELECT $big * 2 AS doubled, typeof($big) AS type, typeof($n) AS whole, list(v) AS stored FROM t',
      { big: 1e19, n: 2 ** 40 },
    );
    expect(rows).toEqual([
      { doubled: 2e19, type: 'DOUBLE', whole: 'BIGINT', stored: [2.6e305, 1e19] },
    ]);
  });

  it('refuses to bind NaN or Infinity, naming the parameter', async () => {
    await expect(warehouse.query('SELECT $x AS x', { x: Infinity })).rejects.toThrow(
      /cannot bind \$x = Infinity/,
    );
    await expect(warehouse.query('SELECT $y AS y', { y: NaN })).rejects.toThrow(/\$y = NaN/);
  });

  it('appends rows in bulk and streams them back a chunk at a time', async () => {
    await warehouse.run('CREATE TABLE t (i INTEGER, v VARCHAR)');
    const rows = Array.from({ length: 5000 }, (_, i): [number, string | null] => [
      i,
      i % 2 ? `v${i}` : null,
    ]);
    expect(await warehouse.append('t', rows)).toBe(5000);
    let seen = 0;
    let chunks = 0;
    let sum = 0;
    for await (const chunk of warehouse.stream('SELECT i, v FROM t ORDER BY i')) {
      chunks += 1;
      seen += chunk.length;
      sum += chunk.reduce((acc: number, row: Row) => acc + Number(row['i']), 0);
    }
    expect(seen).toBe(5000);
    expect(chunks).toBe(3); // DuckDB's chunks hold 2048 rows
    expect(sum).toBe((4999 * 5000) / 2);
  });

  it('rolls a transaction back when its work throws, and commits otherwise', async () => {
    await warehouse.run('CREATE TABLE t (i INTEGER)');
    await expect(
      warehouse.transaction(async () => {
        await warehouse.run('INSERT INTO t VALUES (1)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await warehouse.transaction(async () => {
      await warehouse.run('INSERT INTO t VALUES (2)');
    });
    expect(await warehouse.query('SELECT i FROM t')).toEqual([{ i: 2 }]);
  });

  it('reads numeric columns into arrays of doubles, NULL as NaN', async () => {
    const columns = await warehouse.numericColumns(
      'SELECT i AS n, i / 2 AS half, CASE WHEN i = 2 THEN NULL ELSE i END AS gap FROM range(1, 4) t(i)',
    );
    expect(Array.from(columns['n'] ?? [])).toEqual([1, 2, 3]);
    expect(Array.from(columns['half'] ?? [])).toEqual([0.5, 1, 1.5]);
    expect(Array.from(columns['gap'] ?? [])).toEqual([1, NaN, 3]);
  });

  it('forks connections that see committed work only, and closes them without the store', async () => {
    await warehouse.run('CREATE TABLE t (x INTEGER)');
    const other = await warehouse.fork();
    let seenInside: Row[] = [];
    await warehouse.transaction(async () => {
      await warehouse.run('INSERT INTO t VALUES (1)');
      seenInside = await other.query('SELECT count(*) AS n FROM t');
    });
    expect(seenInside).toEqual([{ n: 0 }]);
    expect(await other.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 1 }]);
    await other.close();
    expect(await warehouse.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 1 }]);
  });

  it('hands out scratch tags no fork repeats, and drops a scratch table after its work', async () => {
    const fork = await warehouse.fork();
    const tags = [warehouse.scratchTag(), fork.scratchTag(), warehouse.scratchTag()];
    await fork.close();
    expect(new Set(tags).size).toBe(3);
    for (const tag of tags) expect(tag).toMatch(new RegExp(`^${process.pid}_\\d+$`));
    const count = async (sql: string): Promise<number> =>
      (await warehouse.query<{ n: number }>(sql)).map((row) => row.n)[0] ?? -1;
    const tempTables = (): Promise<number> =>
      count(`SELECT count(*) AS n FROM duckdb_tables() WHERE temporary`);
    const counted = await warehouse.withScratchTable('scratch_test', async (table) => {
      expect(table).toMatch(/^scratch_test_\d+_\d+$/);
      await warehouse.run(`CREATE TEMP TABLE ${table} AS SELECT 1 AS x UNION ALL SELECT 2`);
      return count(`SELECT count(*) AS n FROM ${table}`);
    });
    expect(counted).toBe(2);
    expect(await tempTables()).toBe(0);
    await expect(
      warehouse.withScratchTable('scratch_test', async (table) => {
        await warehouse.run(`CREATE TEMP TABLE ${table} AS SELECT 1 AS x`);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await tempTables()).toBe(0);
  });

  it('spills past a memory limit rather than failing, and restores the limit after', async () => {
    const limit = async () =>
      (
        await warehouse.query<{ limit: string }>(`SELECT current_setting('memory_limit') AS limit`)
      )[0]?.limit;
    const before = await limit();
    const spilled = await warehouse.withMemoryLimit(256, async () => {
      expect(await limit()).toBe('244.1 MiB');
      // About 420 MB of strings in a scratch table: past the limit, so partly out to the
      // temporary folder.
      await warehouse.run(
        `CREATE TEMP TABLE big AS SELECT range AS i, repeat('x', 200) || range AS s
         FROM range(2000000)`,
      );
      const [files] = await warehouse.query<{ bytes: number }>(
        `SELECT coalesce(sum(size), 0)::BIGINT AS bytes FROM duckdb_temporary_files()`,
      );
      const [sum] = await warehouse.query<{ n: number; longest: number }>(
        `SELECT count(*) AS n, max(length(s)) AS longest FROM big`,
      );
      expect(sum).toEqual({ n: 2_000_000, longest: 207 });
      return files?.bytes ?? 0;
    });
    // Without the limit nothing goes to the temporary folder (about 65 MB went, here).
    expect(spilled).toBeGreaterThan(10_000_000);
    expect(await limit()).toBe(before);
    await expect(
      warehouse.withMemoryLimit(300, () => Promise.reject(new Error('work failed'))),
    ).rejects.toThrow('work failed');
    expect(await limit()).toBe(before);
  });

  it('returns the number of rows a statement changed', async () => {
    await warehouse.run('CREATE TABLE t (i INTEGER)');
    expect(await warehouse.run('INSERT INTO t SELECT * FROM range(7)')).toBe(7);
    expect(await warehouse.run('DELETE FROM t WHERE i < 3')).toBe(3);
  });

  it('applies migrations once, in order, and keeps them across reopening', async () => {
    const steps = [
      { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'b', sql: 'ALTER TABLE a ADD COLUMN y INTEGER' },
    ];
    expect(await migrate(warehouse, steps.slice(0, 1))).toEqual([1]);
    expect(await migrate(warehouse, steps)).toEqual([2]);
    await warehouse.close();
    warehouse = await DuckDbWarehouse.open(file);
    expect(await migrate(warehouse, steps)).toEqual([]);
    expect(await warehouse.query('SELECT version, name FROM schema_migrations ORDER BY 1')).toEqual(
      [
        { version: 1, name: 'a' },
        { version: 2, name: 'b' },
      ],
    );
    await expect(migrate(warehouse, steps.slice(0, 1))).rejects.toThrow(
      'the store is at schema version 2, newer than this clv (1): upgrade clv',
    );
  });

  it('leaves a failed migration out entirely', async () => {
    const steps = [
      { version: 1, name: 'bad', sql: 'CREATE TABLE ok (x INTEGER); CREATE TABLE ok (x INTEGER)' },
    ];
    await expect(migrate(warehouse, steps)).rejects.toThrow();
    expect(
      await warehouse.query(
        `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'ok'`,
      ),
    ).toEqual([{ n: 0 }]);
    expect(await warehouse.query('SELECT count(*) AS n FROM schema_migrations')).toEqual([
      { n: 0 },
    ]);
  });
});
