import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/run-demo.js';
import { periodKpis } from '../../src/metrics/kpis.js';
import { metricsReport, type MetricsReport } from '../../src/metrics/metrics-report.js';
import { previousPeriod } from '../../src/metrics/period.js';
import { createMembers } from '../../src/metrics/segments.js';
import { refresh } from '../../src/model/refresh.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

describe('metrics of the demo store agree with themselves', () => {
  let t: TempProject;
  let report: MetricsReport;
  beforeAll(async () => {
    t = await tempProject();
    await runDemo(t.warehouse, t.project, { customers: 800, seed: 5 });
    await refresh(t.warehouse, t.project.config);
    report = await metricsReport(t.warehouse, t.project.config, {
      segment: 'email',
      series: 'month',
    });
  });
  afterAll(() => t.cleanup());

  it('splits buyers into new and returning, and customers into segments', () => {
    const { kpis, segments = [] } = report;
    expect(kpis.buyers.value).toBeGreaterThan(0);
    expect((kpis.newBuyers.value ?? 0) + (kpis.returningBuyers.value ?? 0)).toBe(kpis.buyers.value);
    expect(segments.reduce((sum, s) => sum + s.customers, 0)).toBe(800);
    for (const key of ['revenue', 'orders', 'buyers', 'newBuyers'] as const) {
      const total = segments.reduce((sum, s) => sum + (s.kpis[key].value ?? 0), 0);
      expect(total).toBeCloseTo(kpis[key].value ?? 0, 6);
    }
  });

  it('gives each month of the series the figures of that month as a period', async () => {
    const members = 'members_check';
    await createMembers(t.warehouse, t.project.config, { kind: 'all' }, report.period.to, members);
    const series = report.kpis.revenue.series ?? [];
    expect(series).toHaveLength(12);
    for (const point of series) {
      const from = `${point.month}-01`;
      const next = new Date(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)), 1));
      const period = { from, to: next.toISOString().slice(0, 10) };
      const [direct] = await periodKpis(t.warehouse, t.project.config, members, { kind: 'all' }, [
        { period, previous: previousPeriod(period) },
      ]);
      const values = direct?.get('all');
      for (const [key, kpi] of Object.entries(report.kpis)) {
        const value = kpi.series?.find((p) => p.month === point.month)?.value;
        if (kpi.series === undefined) continue;
        const expected = values?.[key as keyof typeof values] ?? null;
        if (expected === null) expect(value, `${key} ${point.month}`).toBeNull();
        else expect(value, `${key} ${point.month}`).toBeCloseTo(expected, 9);
      }
    }
  });
});
