import { afterEach, describe, expect, it } from 'vitest';
import { metricsReport } from '../../src/metrics/metrics-report.js';
import { refresh } from '../../src/model/refresh.js';
import { handMadeShop } from '../helpers/hand-made-shop.js';
import type { TempProject } from '../helpers/temp-project.js';

// The hand-made shop's first successful order is C (c2, Jan 15 12:00); with W = 31 days nobody
// can have churned before Feb 15 12:00, so January's and February's churn are too early.
// Churn: Jan none active at its start; Feb 1 (c2 active, gone by Mar 1); Mar 1 (c1 active, gone
// by Apr 1); ARPU Jan 100, Feb 50, Mar 20. Months after March are past the data.

describe('what the KPIs say about themselves', () => {
  let t: TempProject;
  afterEach(() => t.cleanup());

  it('flags churn and CLV that rest on months less than W after the first order', async () => {
    t = await handMadeShop({ costs: true });
    await refresh(t.warehouse, t.project.config);
    const march = await metricsReport(t.warehouse, t.project.config, {
      from: '2024-03-01',
      to: '2024-04-01',
      series: 'month',
    });
    // Values stay the glossary's: churn 1 (Feb, Mar), rolling CLV (100 + 50 + 20) / 3.
    expect(march.kpis.churn.value).toBe(1);
    expect(march.kpis.clvRolling.value).toBeCloseTo(170 / 3, 9);
    expect(march.kpis.clvRolling.insufficientHistory).toEqual({ value: true, previous: true });
    expect(march.kpis.churn.insufficientHistory).toEqual({ value: true, previous: true });
    expect(march.kpis.clvSimple.insufficientHistory.value).toBe(true);
    // No model in this shop: CLV:CAC rests on rolling CLV, so it is flagged too.
    expect(march.kpis.clvToCac.insufficientHistory.value).toBe(true);
    // ARPU and revenue do not rest on churn.
    expect(march.kpis.arpu.insufficientHistory).toEqual({ value: false, previous: false });
    expect(march.kpis.revenue.insufficientHistory).toEqual({ value: false, previous: false });
    const [point] = march.kpis.clvRolling.series ?? [];
    expect(point).toMatchObject({
      month: '2024-03',
      insufficientHistory: { value: true, yearEarlier: false },
      yearEarlier: null,
      yearEarlierReason: 'no-active-customers',
    });
    // A year on, the window (Mar 2024 - Feb 2025) holds March alone: churn 1, ARPU 20, full.
    const later = await metricsReport(t.warehouse, t.project.config, {
      from: '2025-02-01',
      to: '2025-03-01',
    });
    expect(later.kpis.clvRolling.value).toBe(20);
    // Its previous window (Feb 2024 - Jan 2025) still holds February.
    expect(later.kpis.clvRolling.previous).toBe((50 + 20) / 2);
    expect(later.kpis.clvRolling.insufficientHistory).toEqual({ value: false, previous: true });
  });

  it('says why a KPI has no value, and that a period has no orders', async () => {
    t = await handMadeShop({ costs: true });
    await refresh(t.warehouse, t.project.config);
    // 30 days with no whole month inside and no cost month starting in them.
    const days = await metricsReport(t.warehouse, t.project.config, {
      from: '2024-03-05',
      to: '2024-04-04',
    });
    const { kpis } = days;
    for (const key of ['churn', 'arpu', 'clvRolling', 'clvSimple'] as const) {
      expect([key, kpis[key].value, kpis[key].reason]).toEqual([key, null, 'no-full-month']);
    }
    expect([kpis.cac.value, kpis.cac.reason]).toEqual([null, 'no-spend']);
    expect([kpis.clvToCac.value, kpis.clvToCac.reason]).toEqual([null, 'no-spend']);
    expect([kpis.clvPredicted.value, kpis.clvPredicted.reason]).toEqual([null, 'no-predictions']);
    // Predictions are made for now only: the comparison never has one, and says so.
    expect(kpis.clvPredicted.previousReason).toBe('now-only');
    // No order of any outcome from Mar 5: counts read 0 and say why.
    expect([kpis.revenue.value, kpis.revenue.reason]).toEqual([0, 'no-orders']);
    expect([kpis.orders.value, kpis.apv.value, kpis.apv.reason]).toEqual([0, null, 'no-orders']);
    // Its previous 30 days [Feb 4, Mar 5) hold B, E, e8 and F: values, no reasons.
    expect([kpis.revenue.previous, kpis.revenue.previousReason]).toEqual([70, null]);
    // Lifetime KPIs as of Apr 4 have values whatever the period.
    expect([kpis.clvHistoric.value, kpis.clvHistoric.reason]).toEqual([170 / 3, null]);

    // A period before any data: zeros are "no orders in this period", not facts.
    const before = await metricsReport(t.warehouse, t.project.config, {
      from: '2023-01-01',
      to: '2023-02-01',
    });
    expect([before.kpis.revenue.value, before.kpis.revenue.reason]).toEqual([0, 'no-orders']);
    expect(before.kpis.clvHistoric.reason).toBe('no-buyers-yet');
    expect(before.kpis.churn.reason).toBe('no-active-customers');
    expect(before.kpis.cac.reason).toBe('no-spend');

    // Spend exists in March but cannot be attributed to an email segment.
    const email = await metricsReport(t.warehouse, t.project.config, {
      from: '2024-03-01',
      to: '2024-04-01',
      segment: 'email',
    });
    for (const group of email.segments ?? [])
      expect(group.kpis.cac.reason).toBe('not-attributable');
  });

  it('gives the change of rates in percentage points', async () => {
    t = await handMadeShop();
    await refresh(t.warehouse, t.project.config);
    // March: E canceled, e8 successful (F is other): cancel rate 1/2. February: B alone: 0.
    const march = await metricsReport(t.warehouse, t.project.config, {
      from: '2024-03-01',
      to: '2024-04-01',
    });
    expect([march.kpis.cancelRate.value, march.kpis.cancelRate.previous]).toEqual([0.5, 0]);
    expect(march.kpis.cancelRate.change).toBeNull();
    expect(march.kpis.cancelRate.changePoints).toBe(50);
    expect(march.kpis.returnRate.changePoints).toBe(0);
    // Retention: February's buyer c1 did not buy in March: 0 against January's 0 (c2 left).
    expect(march.kpis.retentionRate.changePoints).toBe(0);
    // January: A returned, C successful: 1/2 each; against December's none.
    const january = await metricsReport(t.warehouse, t.project.config, {
      from: '2024-01-01',
      to: '2024-02-01',
    });
    expect(january.kpis.returnRate.changePoints).toBeNull();
    // Non-rates have no points.
    expect(march.kpis.revenue).not.toHaveProperty('changePoints');
    expect(march.kpis.clvToCac).not.toHaveProperty('changePoints');
  });
});
