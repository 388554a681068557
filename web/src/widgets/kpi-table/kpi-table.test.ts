import { describe, expect, it } from 'vitest';
import { KPI_KEYS, type KpiReport } from '../../api/types';
import { KPIS } from '../../test-support/kpi-catalog';
import { kpiTable } from './kpi-table';

describe('the KPI table', () => {
  it('has a row per KPI with value, comparison and change, nulls kept', () => {
    const kpis = Object.fromEntries(
      KPI_KEYS.map((key, i) => [key, { value: i, previous: i === 0 ? null : i * 2, change: null }]),
    ) as unknown as KpiReport;
    kpis.revenue = { value: 1841565.96568, previous: 1098059.11483, change: 0.6771 };
    const table = kpiTable(kpis, 'Previous period', KPIS);
    expect(table.columns.map((c) => c.label)).toEqual([
      'KPI',
      'Key',
      'This period',
      'Previous period',
      'Change',
    ]);
    expect(table.rows).toHaveLength(KPI_KEYS.length);
    expect(table.rows[0]).toEqual({
      kpi: 'Revenue',
      key: 'revenue',
      value: 1841565.96568,
      previous: 1098059.11483,
      change: 0.6771,
    });
    const churn = table.rows.find((r) => r.key === 'churn');
    expect(churn).toEqual({
      kpi: 'Monthly churn',
      key: 'churn',
      value: KPI_KEYS.indexOf('churn'),
      previous: KPI_KEYS.indexOf('churn') * 2,
      change: null,
    });
  });
});
