import { describe, expect, it } from 'vitest';
import type { MetricsReport } from '../../api/types';
import { kpiReport } from '../../test-support/kpi-report';
import { groupKpis, TREND_KPIS } from './trend-kpis';

const period = { from: '2025-10-01', to: '2026-10-01' };
const all = kpiReport({ revenue: { value: 100 } });
const subscribed = kpiReport({ revenue: { value: 60 } });
const report: MetricsReport = {
  period,
  previousPeriod: period,
  currency: 'EUR',
  kpis: all,
  segments: [{ segment: 'subscribed', customers: 3, kpis: subscribed }],
  predictions: { status: 'ok', reason: null },
};

describe('groupKpis', () => {
  it("picks the whole base, or the chosen group's KPIs", () => {
    expect(groupKpis(report, undefined)).toBe(all);
    expect(groupKpis(report, 'subscribed')).toBe(subscribed);
    expect(groupKpis(report, 'not subscribed')).toBeNull();
  });

  it('charts the seven KPIs the issue names, in order', () => {
    expect(TREND_KPIS.map((k) => k.key)).toEqual([
      'revenue',
      'orders',
      'apv',
      'buyers',
      'retentionRate',
      'churn',
      'clvRolling',
    ]);
  });
});
