import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/run-demo.js';
import { decilesReport } from '../../src/metrics/reports/deciles.js';
import { rfmReport } from '../../src/metrics/reports/rfm.js';
import { refresh } from '../../src/model/refresh.js';
import { cohortsSqlAt } from '../../src/model/tables/cohorts.js';
import { decilesSql } from '../../src/model/tables/deciles.js';
import { rfmScoresSql } from '../../src/model/tables/rfm.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

describe('derived tables of the demo store', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await tempProject();
    // The default size: enough rows for the engine to aggregate in parallel.
    await runDemo(t.warehouse, t.project, { customers: 20_000, seed: 9 });
    await refresh(t.warehouse, t.project.config);
  });
  afterAll(() => t.cleanup());

  it('hold the report queries as of the end of the default period', async () => {
    const asOf = { asOf: '2026-10-01' };
    const byQuery = async (sql: string) => t.warehouse.query(`${sql} ORDER BY ALL`, asOf);
    const byTable = async (table: string) => t.query(`SELECT * FROM ${table} ORDER BY ALL`);
    expect((await decilesReport(t.warehouse, t.project.config)).asOf).toBe('2026-10-01');
    expect(await byTable('deciles')).toEqual(
      await byQuery(`SELECT * FROM (${decilesSql('revenue', t.warehouse.dialect)})`),
    );
    expect(await byTable('cohorts')).toEqual(
      await byQuery(`SELECT * FROM (${cohortsSqlAt(t.warehouse.dialect)})`),
    );
    expect(await byTable('rfm')).toEqual(
      await byQuery(`SELECT * FROM (${rfmScoresSql(t.warehouse.dialect)})`),
    );
    // The reports read those tables for the default date and run the queries for any other.
    const rfmDefault = await rfmReport(t.warehouse, t.project.config);
    const rfmByQuery = await rfmReport(t.warehouse, t.project.config, { to: '2026-10-02' });
    expect(rfmDefault.groups.reduce((n, g) => n + g.customers, 0)).toBeGreaterThan(0);
    expect(rfmByQuery.asOf).toBe('2026-10-02');
  });

  it('are identical, to the last digit, when refreshed again from the same data', async () => {
    const fingerprint = async () => {
      const parts: unknown[] = [];
      for (const table of [
        'orders',
        'customer_summary',
        'customer_months',
        'monthly_metrics',
        'cohorts',
        'deciles',
        'rfm',
      ]) {
        parts.push(
          await t.query(
            `SELECT md5(string_agg(x::VARCHAR, '|' ORDER BY x::VARCHAR)) AS h FROM ${table} x`,
          ),
        );
      }
      return parts;
    };
    const before = await fingerprint();
    await refresh(t.warehouse, t.project.config);
    expect(await fingerprint()).toEqual(before);
  });
});
