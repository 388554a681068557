import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../../src/demo/run-demo.js';
import { channelsReport } from '../../../src/metrics/reports/channels.js';
import { cohortsReport } from '../../../src/metrics/reports/cohorts.js';
import { decilesReport } from '../../../src/metrics/reports/deciles.js';
import { npsReport } from '../../../src/metrics/reports/nps.js';
import { rfmReport } from '../../../src/metrics/reports/rfm.js';
import { refresh } from '../../../src/model/refresh.js';
import { tempProject, type TempProject } from '../../helpers/temp-project.js';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe('the sub-reports on the demo store agree with each other', () => {
  let t: TempProject;
  let buyers: number;
  let asOf: string;
  beforeAll(async () => {
    t = await tempProject();
    await runDemo(t.warehouse, t.project, { customers: 500, seed: 1 });
    await refresh(t.warehouse, t.project.config);
    asOf = (await decilesReport(t.warehouse, t.project.config)).asOf;
    const [row] = await t.warehouse.query<{ n: number }>(
      `SELECT count(DISTINCT customer_id) AS n FROM orders
       WHERE outcome = 'success' AND ts_local < $asOf::DATE`,
      { asOf },
    );
    buyers = row?.n ?? 0;
  });
  afterAll(() => t.cleanup());

  it('has buyers before the default asOf', () => {
    expect(asOf).toMatch(/^\d{4}-\d{2}-01$/);
    expect(buyers).toBeGreaterThan(100);
  });

  it('splits all buyers and all revenue into ten deciles', async () => {
    const { deciles } = await decilesReport(t.warehouse, t.project.config);
    expect(deciles.map((d) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sum(deciles.map((d) => d.customers))).toBe(buyers);
    expect(Math.abs(sum(deciles.map((d) => d.share ?? 0)) - 1)).toBeLessThan(1e-9);
    deciles.slice(1).forEach((lower, i) => {
      expect(deciles[i]?.min).toBeGreaterThanOrEqual(lower.max);
    });
  });

  it('puts every buyer in one cohort and one RFM group', async () => {
    const { cohorts } = await cohortsReport(t.warehouse, t.project.config);
    expect(sum(cohorts.map((c) => c.customers))).toBe(buyers);
    expect(cohorts.every((c) => c.retention[0] === 1)).toBe(true);
    const rfm = await rfmReport(t.warehouse, t.project.config);
    expect(sum(rfm.groups.map((g) => g.customers))).toBe(buyers);
    expect(sum(rfm.scores.map((s) => s.customers))).toBe(buyers);
  });

  it('finds every demo channel and an NPS within -100..100', async () => {
    const channels = await channelsReport(t.warehouse, t.project.config);
    expect(channels.channels.map((c) => c.channel)).toEqual([
      'affiliate',
      'email_referral',
      'organic',
      'paid_search',
      'social',
    ]);
    const nps = await npsReport(t.warehouse, t.project.config);
    expect(nps.respondents).toBe(sum(nps.groups.map((g) => g.customers)));
    expect(Math.abs(nps.nps ?? 0)).toBeLessThanOrEqual(100);
  });
});
