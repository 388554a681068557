import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSnapshotEngine, runStatement } from '../../src/query/snapshot-engine.js';
import type { WorkerMessage } from '../../src/query/worker-protocol.js';

// The worker's engine over a small database file of its own (three orders), in this process.
describe('openSnapshotEngine and runStatement', () => {
  let dir: string;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clv-snapshot-engine-'));
    const file = join(dir, 'snapshot.duckdb');
    const writer = await DuckDBInstance.create(file);
    const setup = await writer.connect();
    await setup.run(
      "CREATE TABLE orders AS SELECT * FROM (VALUES ('A', 10), ('B', 20), ('C', 12)) AS v(order_key, amount)",
    );
    setup.closeSync();
    writer.closeSync();
    connection = await openSnapshotEngine(file, 256);
  });
  afterAll(async () => {
    connection.closeSync();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(sql: string): Promise<WorkerMessage[]> {
    const messages: WorkerMessage[] = [];
    await runStatement(connection, { sql, params: {}, limit: 10 }, async (m) => {
      messages.push(m);
    });
    return messages;
  }
  const refusal = async (sql: string) => {
    const [first, ...rest] = await run(sql);
    expect(rest, sql).toEqual([]);
    return first?.t === 'error' ? first.message : `answered: ${first?.t}`;
  };

  it('answers a SELECT with its columns, rows and end', async () => {
    expect(await run('SELECT sum(amount) AS total, count(*) AS n FROM orders')).toEqual([
      {
        t: 'columns',
        columns: [
          { name: 'total', type: 'HUGEINT' },
          { name: 'n', type: 'BIGINT' },
        ],
      },
      { t: 'rows', rows: [[42, 3]] },
      { t: 'end', rowCount: 1, truncated: false },
    ]);
  });

  it('explains a SELECT, with ANALYZE or options, and refuses EXPLAIN ANALYZE of anything else', async () => {
    for (const sql of [
      'EXPLAIN SELECT * FROM orders',
      'EXPLAIN ANALYZE SELECT count(*) FROM orders',
      '-- why\n/* slow? */ explain analyse (SELECT 1) UNION ALL (SELECT 2);',
      'EXPLAIN (FORMAT json) SELECT 1',
      'EXPLAIN ANALYZE FROM orders',
    ]) {
      const messages = await run(sql);
      expect(messages[0], sql).toEqual({
        t: 'columns',
        columns: [
          { name: 'explain_key', type: 'VARCHAR' },
          { name: 'explain_value', type: 'VARCHAR' },
        ],
      });
      expect(messages.at(-1), sql).toEqual({ t: 'end', rowCount: 1, truncated: false });
    }
    // EXPLAIN ANALYZE runs what it explains: these would create objects or checkpoint.
    for (const sql of [
      'EXPLAIN ANALYZE CREATE TEMP TABLE t AS SELECT 1',
      'EXPLAIN ANALYZE CREATE TEMP MACRO m(a) AS a',
      'EXPLAIN (FORMAT json) CREATE TEMP VIEW v AS SELECT 1',
      'EXPLAIN ANALYZE CHECKPOINT',
    ]) {
      expect(await refusal(sql), sql).toBe(
        'EXPLAIN is allowed of one SELECT only: the query service only reads (EXPLAIN ANALYZE runs the statement it explains)',
      );
    }
    expect(
      await run("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'temp'"),
    ).toContainEqual({ t: 'rows', rows: [[0]] });
    expect(await refusal('SELECT m(1)')).toMatch(
      /^Catalog Error: Scalar Function with name m does not exist/,
    );
  });

  it('refuses writes, settings and files whatever the engine would do', async () => {
    expect(await refusal('UPDATE orders SET amount = 0')).toMatch(
      /^UPDATE statements are not allowed/,
    );
    expect(await refusal('CREATE TEMP TABLE t (a INT)')).toMatch(
      /^CREATE statements are not allowed/,
    );
    expect(await refusal("COPY orders TO '" + join(dir, 'out.csv') + "'")).toMatch(
      /^Permission Error: /,
    );
    await writeFile(join(dir, 'beside.csv'), 'a\n1\n');
    expect(await refusal(`SELECT * FROM read_csv('${join(dir, 'beside.csv')}')`)).toMatch(
      /^Permission Error: /,
    );
    // The engine's own database file is the one file it may read (the engine allows the files
    // of its databases): its bytes hold the offered tables only.
    const own = join(dir, 'snapshot.duckdb');
    expect(await run(`SELECT size FROM read_blob('${own}')`)).toContainEqual({
      t: 'rows',
      rows: [[(await stat(own)).size]],
    });
    expect(await run("SELECT current_setting('enable_external_access') AS on")).toContainEqual({
      t: 'rows',
      rows: [[false]],
    });
    expect(await run("SELECT current_setting('lock_configuration') AS locked")).toContainEqual({
      t: 'rows',
      rows: [[true]],
    });
    expect((await readdir(dir)).sort()).toEqual(['beside.csv', 'snapshot.duckdb']);
    expect(await run('SELECT sum(amount) FROM orders')).toContainEqual({ t: 'rows', rows: [[42]] });
  });
});
