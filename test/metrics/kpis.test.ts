import { describe, expect } from 'vitest';
import { metricsReport, type KpiReport } from '../../src/metrics/metrics-report.js';
import { refresh } from '../../src/model/refresh.js';
import { projectTest } from '../helpers/project-test.js';
import { handMadeShop } from '../helpers/hand-made-shop.js';

const test = projectTest();

// Period [Feb 1, Apr 1) of the hand-made shop; previous [Dec 1, Feb 1); before that [Oct 1, Dec 1).
const PERIOD = { from: '2024-02-01', to: '2024-04-01' };

const values = (kpis: KpiReport) =>
  Object.fromEntries(Object.entries(kpis).map(([key, kpi]) => [key, kpi.value]));
const previous = (kpis: KpiReport) =>
  Object.fromEntries(Object.entries(kpis).map(([key, kpi]) => [key, kpi.previous]));

describe('clv metrics on the hand-made shop', () => {
  test('computes every KPI of the period and of the previous one', async ({ keep }) => {
    const t = await keep(handMadeShop({ costs: true }));
    await refresh(t.warehouse, t.project.config);
    const report = await metricsReport(t.warehouse, t.project.config, PERIOD);
    expect(report.period).toEqual(PERIOD);
    expect(report.previousPeriod).toEqual({ from: '2023-12-01', to: '2024-02-01' });
    expect(report.currency).toBe('EUR');
    expect(report.segments).toBeUndefined();
    expect(values(report.kpis)).toEqual({
      // Successful orders in the period: B (c1, 50) and e8 (c3, 20).
      revenue: 70,
      orders: 2,
      buyers: 2,
      apv: 35,
      purchaseFrequency: 1,
      // Classified orders in the period: B, e8 (success), E (canceled); F is "other".
      cancelRate: 1 / 3,
      returnRate: 0,
      // c1's first successful order is B (A was returned); c3's is e8.
      newBuyers: 2,
      returningBuyers: 0,
      // The previous period's only buyer, c2, bought nothing in this one.
      retentionRate: 0,
      // Buyers before Apr 1: c1, c2, c3, one successful order each.
      repeatRate: 0,
      // Months Apr 2023 - Mar 2024. Churn: Feb 1 (c2 lapses), Mar 1 (c1 lapses); Jan has nobody
      // active at its start. ARPU: Jan 100/1, Feb 50/1, Mar 20/1.
      churn: 1,
      arpu: (100 + 50 + 20) / 3,
      clvHistoric: (50 + 100 + 20) / 3,
      clvRolling: (100 + 50 + 20) / 3 / 1,
      // Year before Apr 1: 170 from 3 orders by 3 buyers; APV × orders per buyer / (12 × 1).
      clvSimple: ((170 / 3) * 1) / 12,
      clvPredicted: null,
      // Spend of February and March: 30 + 10 + 8, over 2 new buyers.
      cac: 48 / 2,
      clvToCac: 170 / 3 / 24,
    });
    expect(previous(report.kpis)).toEqual({
      revenue: 100,
      orders: 1,
      buyers: 1,
      apv: 100,
      purchaseFrequency: 1,
      // C (success) and A (returned on Jan 20, its time is Jan 10).
      cancelRate: 0.5,
      returnRate: 0.5,
      newBuyers: 1,
      returningBuyers: 0,
      // Nobody bought in [Oct 1, Dec 1).
      retentionRate: null,
      repeatRate: 0,
      // Months Feb 2023 - Jan 2024: no month has anyone active at its start; Jan's ARPU 100/1.
      churn: null,
      arpu: 100,
      clvHistoric: 100,
      clvRolling: null,
      clvSimple: null,
      clvPredicted: null,
      cac: 100,
      clvToCac: null,
    });
    expect(report.kpis.revenue.change).toBeCloseTo(-0.3, 12);
    expect(report.kpis.apv.change).toBeCloseTo(-0.65, 12);
    expect(report.kpis.cancelRate.change).toBeCloseTo(-1 / 3, 12);
    expect(report.kpis.returnRate.change).toBe(-1);
    // Previous value 0 or null: no change can be computed.
    expect(report.kpis.returningBuyers.change).toBeNull();
    expect(report.kpis.retentionRate.change).toBeNull();
    expect(report.kpis.clvRolling.change).toBeNull();
  });

  test('splits by email consent as of the period end, the same customers in both periods', async ({
    keep,
  }) => {
    const t = await keep(handMadeShop());
    await refresh(t.warehouse, t.project.config);
    const report = await metricsReport(t.warehouse, t.project.config, {
      ...PERIOD,
      segment: 'email',
    });
    // c1 accepted again on Feb 1 (after the revoke at the same instant): subscribed.
    expect(report.segments?.map((s) => [s.segment, s.customers])).toEqual([
      ['subscribed', 1],
      ['not subscribed', 3],
    ]);
    const [subscribed, others] = report.segments ?? [];
    expect(subscribed && values(subscribed.kpis)).toMatchObject({
      revenue: 50,
      orders: 1,
      cancelRate: 0,
      newBuyers: 1,
      retentionRate: null,
      clvHistoric: 50,
      cac: null,
      clvToCac: null,
    });
    // c2, c3, c4: e8 succeeded, E was canceled; c2 bought before and not now.
    expect(others && values(others.kpis)).toMatchObject({
      revenue: 20,
      orders: 1,
      cancelRate: 0.5,
      retentionRate: 0,
      clvHistoric: (100 + 20) / 2,
    });
    expect(subscribed?.kpis.revenue.previous).toBe(0);
    expect(others?.kpis.revenue.previous).toBe(100);
  });

  test('attributes spend to acquisition channels, and to no other segmentation', async ({
    keep,
  }) => {
    const t = await keep(handMadeShop({ costs: true, customers: true }));
    await refresh(t.warehouse, t.project.config);
    const report = await metricsReport(t.warehouse, t.project.config, {
      ...PERIOD,
      segment: 'attribute:acquisition_channel',
    });
    const bySegment = Object.fromEntries((report.segments ?? []).map((s) => [s.segment, s]));
    expect(Object.keys(bySegment)).toEqual(['social', 'search', 'other']);
    // social (c1, c2): new buyer c1; spend 30 + 10. Churn Feb 1 and Mar 1 both 1; ARPU Jan
    // 100/1, Feb 50/1 (Mar has nobody active at its end).
    expect(values(bySegment['social']?.kpis ?? ({} as KpiReport))).toMatchObject({
      newBuyers: 1,
      cac: 40,
      clvRolling: 75,
      clvToCac: 75 / 40,
    });
    // search (c3): nobody active at a month's start in the window, so no rolling CLV.
    expect(values(bySegment['search']?.kpis ?? ({} as KpiReport))).toMatchObject({
      newBuyers: 1,
      cac: 8,
      clvRolling: null,
      clvToCac: null,
    });
    expect(bySegment['other']?.kpis.cac.value).toBeNull();
    const emailReport = await metricsReport(t.warehouse, t.project.config, {
      ...PERIOD,
      segment: 'email',
    });
    expect(emailReport.segments?.every((s) => s.kpis.cac.value === null)).toBe(true);
  });

  test('compares with the same dates a year earlier, retention still against the period before', async ({
    keep,
  }) => {
    const t = await keep(handMadeShop({ costs: true }));
    await refresh(t.warehouse, t.project.config);
    const usual = await metricsReport(t.warehouse, t.project.config, PERIOD);
    const report = await metricsReport(t.warehouse, t.project.config, {
      ...PERIOD,
      compare: 'year',
    });
    const lastYear = { from: '2023-02-01', to: '2023-04-01' };
    const direct = await metricsReport(t.warehouse, t.project.config, lastYear);
    expect(report.previousPeriod).toEqual(lastYear);
    expect(values(report.kpis)).toEqual(values(usual.kpis));
    expect(previous(report.kpis)).toEqual({ ...values(direct.kpis), clvToCac: null });
  });

  test('asks for a refresh before there are derived tables', async ({ keep }) => {
    const t = await keep(handMadeShop());
    await expect(metricsReport(t.warehouse, t.project.config, PERIOD)).rejects.toThrow(
      'no derived tables yet: run clv refresh first',
    );
  });

  test('adds monthly series against the same months a year earlier', async ({ keep }) => {
    const t = await keep(handMadeShop());
    await refresh(t.warehouse, t.project.config);
    const report = await metricsReport(t.warehouse, t.project.config, {
      ...PERIOD,
      series: 'month',
    });
    expect(report.kpis.revenue.series).toEqual(
      [
        { month: '2024-02', value: 50, yearEarlier: 0 },
        { month: '2024-03', value: 20, yearEarlier: 0 },
      ].map((point) => ({
        ...point,
        // A year earlier the shop had no orders: the zeros say so.
        reason: null,
        yearEarlierReason: 'no-orders',
        insufficientHistory: { value: false, yearEarlier: false },
      })),
    );
    // February: January's buyer c2 did not come back; March: February's buyer c1 did not either.
    expect(report.kpis.retentionRate.series?.map((p) => p.value)).toEqual([0, 0]);
    // Rolling CLV as of each month: to February, churn 1 (Feb) and ARPU (100 + 50) / 2.
    expect(report.kpis.clvRolling.series?.map((p) => p.value)).toEqual([75, 170 / 3]);
    expect(report.kpis.cac.series).toBeUndefined();
    expect(report.kpis.revenue.value).toBe(70);
  });

  test('lists both consent groups even when one is empty', async ({ keep }) => {
    const t = await keep(handMadeShop());
    await refresh(t.warehouse, t.project.config);
    const report = await metricsReport(t.warehouse, t.project.config, {
      ...PERIOD,
      segment: 'sms',
    });
    expect(report.segments?.map((s) => [s.segment, s.customers])).toEqual([
      ['subscribed', 0],
      ['not subscribed', 4],
    ]);
    const empty = report.segments?.[0]?.kpis;
    expect(empty?.revenue).toEqual({
      value: 0,
      previous: 0,
      change: null,
      reason: 'no-orders',
      previousReason: 'no-orders',
      insufficientHistory: { value: false, previous: false },
    });
    expect(empty?.apv.value).toBeNull();
    expect(report.segments?.[1]?.kpis.revenue.value).toBe(70);
  });
});
