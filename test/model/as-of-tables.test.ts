import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/run-demo.js';
import { cohortsReport } from '../../src/metrics/reports/cohorts.js';
import { decilesReport } from '../../src/metrics/reports/deciles.js';
import { rfmReport } from '../../src/metrics/reports/rfm.js';
import { refresh } from '../../src/model/refresh.js';
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

  it('hold the reports as of the end of the default period', async () => {
    const deciles = await decilesReport(t.warehouse, t.project.config);
    expect(deciles.asOf).toBe('2026-10-01');
    expect(await t.query('SELECT * FROM deciles ORDER BY decile')).toEqual(deciles.deciles);

    const cohorts = await cohortsReport(t.warehouse, t.project.config);
    const rows = await t.query<{ cohort: string; k: number; retention: number }>(
      'SELECT cohort, k, retention FROM cohorts ORDER BY cohort, k',
    );
    expect(rows.length).toBe(cohorts.cohorts.reduce((n, c) => n + c.retention.length, 0));
    expect(
      rows.filter((r) => r.cohort === cohorts.cohorts[0]?.cohort).map((r) => r.retention),
    ).toEqual(cohorts.cohorts[0]?.retention);

    const rfm = await rfmReport(t.warehouse, t.project.config);
    const cells = await t.query<{ r: number; f: number; customers: number }>(
      'SELECT r, f, count(*) AS customers FROM rfm GROUP BY r, f ORDER BY r DESC, f DESC',
    );
    expect(cells).toEqual(rfm.scores.filter((cell) => cell.customers > 0));
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
