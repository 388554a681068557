import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/run-demo.js';
import { derivedSql } from '../../src/model/derived-table.js';
import { refresh } from '../../src/model/refresh.js';
import { cohorts, cohortsSqlAt } from '../../src/model/tables/cohorts.js';
import { consentHistory } from '../../src/model/tables/consent-history.js';
import { customerActivity } from '../../src/model/tables/customer-activity.js';
import { customerAttributes } from '../../src/model/tables/customer-attributes.js';
import { customerMonths } from '../../src/model/tables/customer-months.js';
import { customerSummary } from '../../src/model/tables/customer-summary.js';
import { deciles, decilesSql } from '../../src/model/tables/deciles.js';
import { knownCustomers } from '../../src/model/tables/known-customers.js';
import { monthlyMetrics } from '../../src/model/tables/monthly-metrics.js';
import { orders } from '../../src/model/tables/orders.js';
import { rfm, rfmScoresSql } from '../../src/model/tables/rfm.js';
import {
  purchaseSummary,
  purchaseSummarySql,
  purchaseSummaryParams,
} from '../../src/model/tables/purchase-summary.js';
import { clickHouseDialect } from '../../src/store/clickhouse/clickhouse-dialect.js';
import type { SqlDialect } from '../../src/store/sql-dialect.js';
import type { SqlParams } from '../../src/store/sql-params.js';
import { clickHouseRows, duckDbCell, type Cell } from '../helpers/clickhouse-rows.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

/** The bar: every figure equal to DuckDB's within 1e-9, relative. */
const RELATIVE = 1e-9;

/**
 * The tables the compared ones read, copied from DuckDB's store through Parquet files: the raw
 * events and customers, and the derived tables the others read, whose own SQL is compared below
 * (orders, customer_months): each table is compared on the same input.
 */
/** Fewer rows than most tables: a grid of cohorts, the ten deciles, a few attribute keys. */
const MIN_ROWS: Record<string, number> = {
  cohorts: 100,
  deciles: 9,
  customer_attributes: 1,
  monthly_metrics: 20,
};

const INPUTS = [
  'events',
  'customers',
  'orders',
  'customer_months',
  'customer_activity',
  'customer_summary',
] as const;
/** The JSON column of each input that has one. */
const JSON_TEXT: Partial<Record<(typeof INPUTS)[number], string>> = {
  events: 'properties',
  customers: 'attributes',
};

/**
 * The derived tables whose SQL runs on both engines as the product writes it (with the
 * dialect's spellings), checked on ClickHouse (chdb, in process) against the DuckDB refresh of
 * the same demo shop: the same rows, every number within 1e-9.
 */
describe('derived tables on ClickHouse (chdb) equal the DuckDB refresh', () => {
  let t: TempProject;
  let clickhouse: Session;

  beforeAll(async () => {
    // A zone with summer time, so that local times and days are more than UTC's.
    t = await tempProject({ timezone: 'America/New_York' });
    await runDemo(t.warehouse, t.project, { customers: 1_000, seed: 3 });
    await refresh(t.warehouse, t.project.config);
    clickhouse = new Session(join(t.dir, 'chdb'));
    for (const table of INPUTS) {
      const file = join(t.dir, `${table}.parquet`);
      // JSON as text, as a ClickHouse store holds it (Parquet would carry it as JSON objects).
      const select = JSON_TEXT[table]
        ? `* REPLACE (${JSON_TEXT[table]}::VARCHAR AS ${JSON_TEXT[table]})`
        : '*';
      await t.warehouse.run(`COPY (SELECT ${select} FROM ${table}) TO '${file}' (FORMAT parquet)`);
      clickhouse.query(
        `CREATE TABLE ${table} ENGINE = Memory AS SELECT * FROM file('${file}', Parquet)`,
      );
    }
  }, 120_000);
  afterAll(async () => {
    clickhouse.cleanup();
    await t.cleanup();
  });

  const onDuckDb = async (sql: string, params: SqlParams): Promise<Cell[][]> =>
    (await t.warehouse.query(`SELECT * FROM (${sql}) ORDER BY ALL`, params)).map((row) =>
      Object.values(row).map(duckDbCell),
    );
  const onClickHouse = (sql: string, params: SqlParams): Cell[][] =>
    clickHouseRows(clickhouse, `SELECT * FROM (${sql}) ORDER BY ALL`, params);

  for (const table of [
    orders,
    consentHistory,
    knownCustomers,
    customerAttributes,
    customerMonths,
    customerActivity,
    customerSummary,
    monthlyMetrics,
    purchaseSummary,
    cohorts,
    rfm,
    deciles,
  ]) {
    it(`${table.name}: the same rows`, async () => {
      const params = table.params?.(t.project.config) ?? {};
      const expected = await onDuckDb(derivedSql(table, t.warehouse.dialect), params);
      expect(expected.length).toBeGreaterThan(MIN_ROWS[table.name] ?? 300);
      expectClose(onClickHouse(derivedSql(table, clickHouseDialect), params), expected);
    });
  }

  // The reports' own queries for a date that is not a month's first day (the tables above hold
  // the default date's), on the orders of both engines' inputs.
  const REPORTS: [string, (d: SqlDialect) => string][] = [
    ['cohorts report', cohortsSqlAt],
    ['rfm report', rfmScoresSql],
    ['deciles report by revenue', (d) => decilesSql('revenue', d)],
  ];
  for (const [name, sql] of REPORTS) {
    it(`${name} as of 2026-06-17: the same rows`, async () => {
      const params = { asOf: '2026-06-17' };
      const expected = await onDuckDb(sql(t.warehouse.dialect), params);
      expect(expected.length).toBeGreaterThan(9);
      expectClose(onClickHouse(sql(clickHouseDialect), params), expected);
    });
  }

  it("purchase_summary with a cutoff (the holdout check's calibration): the same rows", async () => {
    const params = purchaseSummaryParams(t.project.config, '2026-05-01');
    const expected = await onDuckDb(purchaseSummarySql(t.warehouse.dialect), params);
    expect(expected.length).toBeGreaterThan(200);
    expectClose(onClickHouse(purchaseSummarySql(clickHouseDialect), params), expected);
  });
});

/** Row by row: text and flags equal, numbers within RELATIVE. */
function expectClose(actual: Cell[][], expected: Cell[][]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((row, i) => {
    const got = actual[i] ?? [];
    expect(got.length, `row ${i}`).toBe(row.length);
    row.forEach((want, j) => {
      const value = got[j];
      const where = `row ${i} column ${j}: ${JSON.stringify(got)} against ${JSON.stringify(row)}`;
      if (typeof want === 'number' && typeof value === 'number') {
        expect(Math.abs(value - want), where).toBeLessThanOrEqual(
          RELATIVE * Math.max(1, Math.abs(want)),
        );
      } else {
        expect(value, where).toEqual(want);
      }
    });
  });
}
