import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/run-demo.js';
import { shiftMonth } from '../../src/metrics/dates.js';
import { periodKpis } from '../../src/metrics/kpis.js';
import { monthlyChurn } from '../../src/metrics/monthly-churn.js';
import { periodFigures } from '../../src/metrics/period-figures.js';
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
      const period = { from, to: shiftMonth(from, 1) };
      const [direct] = await periodKpis(t.warehouse, t.project.config, members, { kind: 'all' }, [
        { period, previous: previousPeriod(period) },
      ]);
      const values = direct?.get('all')?.values;
      for (const [key, kpi] of Object.entries(report.kpis)) {
        const value = kpi.series?.find((p) => p.month === point.month)?.value;
        if (kpi.series === undefined) continue;
        const expected = values?.[key as keyof typeof values] ?? null;
        if (expected === null) expect(value, `${key} ${point.month}`).toBeNull();
        else expect(value, `${key} ${point.month}`).toBeCloseTo(expected, 9);
      }
    }
  });

  it('gives the same period figures from customer_months as from the orders', async () => {
    const members = 'members_email_check';
    await createMembers(t.warehouse, t.project.config, { kind: 'email' }, '2026-07-01', members);
    for (const [from, to] of [
      ['2025-07-01', '2026-07-01'],
      ['2026-01-01', '2026-04-01'],
      ['2024-02-01', '2024-03-01'],
    ] as const) {
      const period = { from, to };
      for (const who of [null, members]) {
        const args = [t.warehouse, who, period, previousPeriod(period), '2025-06-01'] as const;
        const byMonths = await periodFigures(...args, { fromMonths: true });
        const byOrders = await periodFigures(...args, { fromMonths: false });
        expect(byMonths.size).toBeGreaterThan(0);
        for (const [segment, figures] of byOrders) {
          const other = byMonths.get(segment);
          for (const [key, value] of Object.entries(figures)) {
            if (key === 'year') continue;
            const expected = value as number;
            expect(other?.[key as keyof typeof figures], `${from} ${segment} ${key}`).toBeCloseTo(
              expected,
              6,
            );
          }
        }
      }
    }
  });

  it('gives everyone the same monthly churn from monthly_metrics as from customer_activity', async () => {
    const members = 'members_all_churn';
    await createMembers(t.warehouse, t.project.config, { kind: 'all' }, '2026-10-01', members);
    // From a year before the data to two months after it.
    const months = Array.from({ length: 40 }, (_, i) => shiftMonth('2023-10-01', i));
    const fromTable = (await monthlyChurn(t.warehouse, null, months)).get('all');
    const fromActivity = (await monthlyChurn(t.warehouse, members, months)).get('all');
    expect(fromTable?.months.length).toBeGreaterThan(30);
    expect(fromActivity?.months).toEqual(fromTable?.months);
  });
});
