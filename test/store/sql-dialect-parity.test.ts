import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/shared/random.js';
import { clickHouseDialect } from '../../src/store/clickhouse/clickhouse-dialect.js';
import { duckDbDialect } from '../../src/store/duckdb/duckdb-dialect.js';
import { DuckDbWarehouse } from '../../src/store/duckdb/duckdb-warehouse.js';
import type { SqlDialect } from '../../src/store/sql-dialect.js';
import { clickHouseRows, duckDbCell, type Cell } from '../helpers/clickhouse-rows.js';

// 20 random tables by default, 400 with CLV_THOROUGH=1.
const TABLES = process.env['CLV_THOROUGH'] === '1' ? 400 : 20;
const SEED = 20_261_207;

/** Columns of the table both engines hold: nullable everywhere but the group. */
const DUCKDB_TABLE = `CREATE OR REPLACE TABLE t (g INTEGER, v VARCHAR, n DOUBLE, k BIGINT,
  flag BOOLEAN, day DATE, doc VARCHAR, tags VARCHAR[])`;
const CLICKHOUSE_TABLE = `CREATE OR REPLACE TABLE t (g Int32, v Nullable(String),
  n Nullable(Float64), k Nullable(Int64), flag Nullable(Bool), day Nullable(Date32),
  doc Nullable(String), tags Array(String)) ENGINE = Memory`;

/** Each spelling of the dialect, as a query over `t` with one answer per group. */
const CASES = {
  argMax: (d) => `SELECT g, ${d.argMax('v', 'k')} AS r FROM t GROUP BY g ORDER BY g`,
  argMin: (d) => `SELECT g, ${d.argMin('n', 'k')} AS r FROM t GROUP BY g ORDER BY g`,
  'argMax by a tuple': (d) =>
    `SELECT g, ${d.argMax('v', '(k, n)')} AS r FROM t WHERE k IS NOT NULL AND n IS NOT NULL
     GROUP BY g ORDER BY g`,
  // ClickHouse's comparisons answer 0 or 1: a boolean is cast as one on both engines.
  'argMax of a boolean': (d) =>
    `SELECT g, ${d.argMax('CAST(v IS NULL AS BOOLEAN)', 'k')} AS r FROM t GROUP BY g ORDER BY g`,
  anyTrue: (d) => `SELECT g, ${d.anyTrue('flag')} AS r FROM t GROUP BY g ORDER BY g`,
  'anyTrue of a comparison': (d) =>
    `SELECT g, ${d.anyTrue('n > 0.5')} AS r FROM t GROUP BY g ORDER BY g`,
  'listContains of a literal list': (d) =>
    `SELECT g, k, ${d.listContains("['a', 'bb', 'c']", 'v')} AS r FROM t ORDER BY g, k, v, n`,
  'listContains of a column': (d) =>
    `SELECT g, k, ${d.listContains('tags', 'v')} AS r FROM t ORDER BY g, k, v, n`,
  inByteOrder: (d) =>
    `SELECT g, v, CAST(${d.inByteOrder('v')} < 'b' AS BOOLEAN) AS r FROM t ORDER BY g, ${d.inByteOrder('v')}, k, n`,
  jsonKeys: (d) =>
    `SELECT g, k, key FROM (SELECT g, k, unnest(${d.jsonKeys('doc')}) AS key FROM t)
     ORDER BY g, k, key`,
  monthLabel: (d) => `SELECT g, k, ${d.monthLabel('day')} AS r FROM t ORDER BY g, k, r`,
  daysBetween: (d) =>
    `SELECT g, ${d.daysBetween('max(day)', 'min(day)')} AS r FROM t GROUP BY g ORDER BY g`,
  'daysBetween rows': (d) =>
    `SELECT g, k, ${d.daysBetween('day', '(SELECT min(day) FROM t)')} AS r FROM t
     ORDER BY g, k, r, v, n`,
  // Not a spelling of the dialect: the product writes FILTER clauses for both engines.
  'FILTER clauses, as written': () =>
    `SELECT g, count(*) FILTER (WHERE flag) AS a, sum(n) FILTER (WHERE v IS NULL) AS b,
            min(k) FILTER (WHERE n > 0.25) AS c, count(DISTINCT v) FILTER (WHERE k > 2) AS d
     FROM t GROUP BY g ORDER BY g`,
} satisfies Record<string, (d: SqlDialect) => string>;

interface GeneratedRow {
  g: number;
  v: string | null;
  n: number | null;
  k: number | null;
  flag: boolean | null;
  tags: string[];
  day: string | null;
  doc: string | null;
}

/** A small table with NULLs everywhere they may be, unique `by` within a group or NULL. */
function randomRows(random: Random): GeneratedRow[] {
  const texts = ['a', 'bb', 'c', 'dd', '', 'B', 'Z', 'é', 'ä1'];
  const pick = <T>(items: readonly T[]): T => items[random.int(0, items.length - 1)] as T;
  const groups = random.int(1, 4);
  const rows: GeneratedRow[] = [];
  for (let g = 1; g <= groups; g++) {
    const size = random.int(0, 6);
    const order = Array.from({ length: size }, (_, i) => i * 3 + random.int(0, 2));
    for (let i = 0; i < size; i++) {
      rows.push({
        g,
        v: random.chance(0.3) ? null : pick(texts),
        n: random.chance(0.25) ? null : Math.round(random.uniform(-1, 2) * 1000) / 1000,
        k: random.chance(0.25) ? null : (order[i] ?? 0),
        flag: random.chance(0.3) ? null : random.chance(0.5),
        tags: Array.from({ length: random.int(0, 3) }, () => pick(texts)),
        // Days across the wide range both engines hold, leap days and the epoch among them.
        day: random.chance(0.2)
          ? null
          : pick([
              '1900-01-01',
              '1969-12-31',
              '1970-01-01',
              '2000-02-29',
              '2024-03-01',
              '2299-12-31',
            ]),
        doc: random.chance(0.2)
          ? null
          : pick(['{}', '{"a":1}', '{"b":"x","a":[1,2]}', '{"z":{"y":1},"é":null}']),
      });
    }
  }
  return rows;
}

const sqlValue = (value: Cell): string =>
  value === null ? 'NULL' : typeof value === 'string' ? `'${value}'` : String(value);

function valuesSql(rows: readonly GeneratedRow[]): string {
  return rows
    .map((r) => {
      const tags = `[${r.tags.map((tag) => `'${tag}'`).join(', ')}]`;
      // A date as text: each engine reads it into its date column (ClickHouse's DATE cast
      // would be its narrow Date, which starts in 1970).
      return `(${[r.g, r.v, r.n, r.k, r.flag, r.day, r.doc].map(sqlValue).join(', ')}, ${tags})`;
    })
    .join(', ');
}

describe('the SQL dialect means the same on DuckDB and on ClickHouse (chdb)', () => {
  let dir = '';
  let duckdb: DuckDbWarehouse;
  let clickhouse: Session;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clv-dialect-'));
    duckdb = await DuckDbWarehouse.open(join(dir, 'store.duckdb'));
    clickhouse = new Session(join(dir, 'chdb'));
  });
  afterAll(async () => {
    clickhouse.cleanup();
    await duckdb.close();
    await rm(dir, { recursive: true, force: true });
  });

  const onDuckDb = async (sql: string): Promise<Cell[][]> =>
    (await duckdb.query(sql)).map((row) => Object.values(row).map(duckDbCell));
  const onClickHouse = (sql: string): Cell[][] => clickHouseRows(clickhouse, sql);

  it(`answers every spelling alike on ${TABLES} random tables with NULLs`, async () => {
    const random = new Random(SEED);
    let compared = 0;
    for (let table = 0; table < TABLES; table++) {
      const rows = randomRows(random);
      await duckdb.run(DUCKDB_TABLE);
      clickhouse.query(CLICKHOUSE_TABLE);
      if (rows.length > 0) {
        await duckdb.run(`INSERT INTO t VALUES ${valuesSql(rows)}`);
        clickhouse.query(`INSERT INTO t VALUES ${valuesSql(rows)}`);
      }
      for (const [name, spell] of Object.entries(CASES)) {
        const about = `${name} on table ${table}: ${JSON.stringify(rows)}`;
        const expected = await onDuckDb(spell(duckDbDialect));
        expect(onClickHouse(spell(clickHouseDialect)), about).toEqual(expected);
        compared += expected.length;
      }
    }
    // The tables are not all empty: most spellings were compared on real answers.
    expect(compared).toBeGreaterThan(TABLES * 10);
  });

  it('reads times alike: local wall clocks across summer time, days, months and event order', async () => {
    const random = new Random(SEED + 1);
    // Instants near the summer time changes of these zones (and anywhere from 1950 to 2100).
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'UTC',
    ];
    const changes = [
      '2024-03-10T07:00:00Z',
      '2024-11-03T06:00:00Z',
      '2024-03-31T01:00:00Z',
      '2024-10-27T01:00:00Z',
      '2024-04-06T15:00:00Z',
      '1970-01-01T00:00:00Z',
    ].map(Date.parse);
    const rows: string[] = [];
    for (let i = 0; i < TABLES * 5; i++) {
      const around = changes[random.int(0, changes.length - 1)] ?? 0;
      // Whole hours near a change, so that many events share a time and their import and line
      // decide their order.
      const ms = random.chance(0.7)
        ? around + random.int(-3, 3) * 3_600_000
        : random.int(Date.UTC(1950, 0, 1), Date.UTC(2100, 0, 1));
      const ts = new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
      // Ties on time and import are broken by the line, as the events' order is.
      rows.push(`('${ts}', ${random.int(1, 3)}, ${i})`);
    }
    await duckdb.run(
      'CREATE OR REPLACE TABLE times (ts TIMESTAMP, import_id INTEGER, line BIGINT)',
    );
    clickhouse.query(
      "CREATE OR REPLACE TABLE times (ts DateTime64(6, 'UTC'), import_id Int32, line Int64) ENGINE = Memory",
    );
    await duckdb.run(`INSERT INTO times VALUES ${rows.join(', ')}`);
    clickhouse.query(`INSERT INTO times VALUES ${rows.join(', ')}`);
    const spellings = (d: SqlDialect, zone: string) => {
      const local = d.localTime('ts', `'${zone}'`);
      return `SELECT line, ${local} AS local, ${d.dayOf(local)} AS day,
                     ts + ${d.days('3')} AS later,
                     row_number() OVER (ORDER BY ${d.eventOrder('ts', 'import_id', 'line')}) AS rank,
                     ${d.monthLabel(local)} AS month,
                     length(${d.monthsFrom("date_trunc('month', ts)", "date_trunc('month', ts + INTERVAL 70 DAY)")}) AS months
              FROM times ORDER BY line`;
    };
    for (const zone of zones) {
      const expected = await onDuckDb(spellings(duckDbDialect, zone));
      expect(expected).toHaveLength(TABLES * 5);
      expect(onClickHouse(spellings(clickHouseDialect, zone)), zone).toEqual(expected);
    }
  });

  it('keeps the cases that tell the engines apart', async () => {
    // One group whose last row (k 2) has no value: passed over, so 'a'; a group with no `k`
    // has no answer. NULL is in no list, nor out of one; no flag is no answer either.
    const rows: GeneratedRow[] = [
      { g: 1, v: 'a', n: 1, k: 1, flag: null, tags: ['a'], day: null, doc: null },
      { g: 1, v: null, n: 2, k: 2, flag: null, tags: [], day: null, doc: null },
      { g: 2, v: 'x', n: null, k: null, flag: null, tags: [], day: null, doc: null },
    ];
    await duckdb.run(DUCKDB_TABLE);
    clickhouse.query(CLICKHOUSE_TABLE);
    await duckdb.run(`INSERT INTO t VALUES ${valuesSql(rows)}`);
    clickhouse.query(`INSERT INTO t VALUES ${valuesSql(rows)}`);
    for (const dialect of [duckDbDialect, clickHouseDialect]) {
      const run = (sql: string) =>
        dialect === duckDbDialect ? onDuckDb(sql) : Promise.resolve(onClickHouse(sql));
      expect(await run(CASES['argMax'](dialect)), dialect.engine).toEqual([
        [1, 'a'],
        [2, null],
      ]);
      expect(await run(CASES['anyTrue'](dialect)), dialect.engine).toEqual([
        [1, null],
        [2, null],
      ]);
      expect(await run(CASES['listContains of a column'](dialect)), dialect.engine).toEqual([
        [1, 1, true],
        [1, 2, null],
        [2, null, false],
      ]);
    }
    // What the dialect is for: DuckDB's spellings are not ClickHouse's.
    expect(() => onClickHouse(CASES['anyTrue'](duckDbDialect))).toThrow(/bool_or/);
    expect(() => onClickHouse(CASES['listContains of a column'](duckDbDialect))).toThrow(
      /list_contains/,
    );
  });
});
