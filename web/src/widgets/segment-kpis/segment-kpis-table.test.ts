import { describe, expect, it } from 'vitest';
import type { MetricsReport } from '../../api/types';
import { toCsv } from '../../format/csv';
import { KPIS } from '../../test-support/kpi-catalog';
import { kpiReport } from '../../test-support/kpi-report';
import { SEGMENT_KPI_ROWS, segmentKpiMatrix } from './segment-kpis-table';

const period = { from: '2025-10-01', to: '2026-10-01' };
const report: MetricsReport = {
  period,
  previousPeriod: period,
  currency: 'EUR',
  kpis: kpiReport({ revenue: { value: 3000 }, churn: { value: 0.035 }, clvPredicted: {} }),
  segments: [
    {
      segment: 'DE',
      customers: 60,
      kpis: kpiReport({ revenue: { value: 2000 }, churn: { value: 0.04 }, apv: { value: 50 } }),
    },
    {
      segment: 'FR',
      customers: 30,
      kpis: kpiReport({ revenue: { value: 600 }, churn: { value: 0.03 }, apv: { value: 50 } }),
    },
    { segment: 'other', customers: 10, kpis: kpiReport({ revenue: { value: 400 } }) },
  ],
  predictions: { status: 'ok', reason: null },
};

describe('segmentKpiMatrix', () => {
  const matrix = segmentKpiMatrix(report, KPIS);
  const line = (key: string) => matrix.lines.find((l) => l.key === key);

  it('puts the groups side by side, all customers last', () => {
    expect(matrix.groups).toEqual(['DE', 'FR', 'other', 'All customers']);
    expect(matrix.lines.map((l) => l.key)).toEqual(SEGMENT_KPI_ROWS);
    expect(line('customers')?.values).toEqual([60, 30, 10, 100]);
    expect(line('revenue')).toMatchObject({ label: 'Revenue', format: 'money' });
    expect(line('revenue')?.values).toEqual([2000, 600, 400, 3000]);
  });

  it('keeps missing values null', () => {
    expect(line('churn')?.values).toEqual([0.04, 0.03, null, 0.035]);
    expect(line('clvPredicted')?.values).toEqual([null, null, null, null]);
  });

  it('marks the best group by the direction that is good news, not for sizes or ties', () => {
    expect(line('churn')?.best).toBe(1);
    expect(line('revenue')?.best).toBeNull();
    expect(line('apv')?.best).toBeNull();
    expect(line('clvPredicted')?.best).toBeNull();
  });

  it('gives a CSV with a row per KPI and a column per group', () => {
    expect(matrix.table.columns.map((c) => c.label)).toEqual([
      'KPI',
      'DE',
      'FR',
      'other',
      'All customers',
    ]);
    const lines = toCsv(matrix.table).split('\r\n');
    expect(lines[0]).toBe('KPI,DE,FR,other,All customers');
    expect(lines[1]).toBe('Customers,60,30,10,100');
    expect(lines[7]).toBe('Monthly churn,0.04,0.03,,0.035');
  });
});
