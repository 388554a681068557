import { describe, expect, it } from 'vitest';
import type { MetricsReport } from '../api/types';
import { KPIS } from '../test-support/kpi-catalog';
import { cohortsTable, formatOfType, kpiTable, queryTable } from './source-table';

describe('a source’s answer as a table', () => {
  it('reads a saved query’s columns and rows, numbers by their DuckDB type', () => {
    const table = queryTable({
      columns: [
        { name: 'decile', type: 'BIGINT' },
        { name: 'revenue', type: 'DECIMAL(18,2)' },
        { name: 'day', type: 'DATE' },
        { name: 'tags', type: 'VARCHAR[]' },
      ],
      rows: [
        [1, 1234.5, '2026-01-01', ['a', 'b']],
        ['9007199254740993', null, '2026-01-02', []],
      ],
    });
    expect(table.columns.map((c) => [c.key, c.format])).toEqual([
      ['decile', 'count'],
      ['revenue', 'decimal'],
      ['day', 'text'],
      ['tags', 'text'],
    ]);
    expect(table.rows).toEqual([
      { decile: 1, revenue: 1234.5, day: '2026-01-01', tags: '["a","b"]' },
      // Beyond 2^53 the integer stays text: rounding it would change the figure.
      { decile: '9007199254740993', revenue: null, day: '2026-01-02', tags: '[]' },
    ]);
    expect(formatOfType('hugeint')).toBe('count');
    expect(formatOfType('DOUBLE')).toBe('decimal');
  });

  it('takes a KPI of the whole base or of the segment group', () => {
    const kpi = (value: number) => ({ value, previous: value / 2, change: 1 });
    const report = {
      kpis: { revenue: kpi(100) },
      segments: [{ segment: 'subscribed', customers: 3, kpis: { revenue: kpi(40) } }],
    } as unknown as MetricsReport;
    expect(kpiTable(report, 'revenue', null, KPIS).rows).toEqual([
      { kpi: 'Revenue', value: 100, previous: 50, change: 1 },
    ]);
    expect(kpiTable(report, 'revenue', 'subscribed', KPIS).rows[0]?.['value']).toBe(40);
    expect(kpiTable(report, 'revenue', 'other', KPIS).rows).toEqual([]);
    expect(kpiTable(report, 'revenue', null, KPIS).good).toBe('up');
  });

  it('lays cohorts out long: one row per cohort and month since the first order', () => {
    const table = cohortsTable({
      asOf: '2026-03-01',
      cohorts: [
        {
          cohort: '2026-01',
          customers: 10,
          retention: [1, 0.3],
          cumulativeRevenuePerCustomer: [50, 60],
        },
      ],
    });
    expect(table.rows).toEqual([
      { cohort: '2026-01', month: '0', customers: 10, retention: 1, revenuePerCustomer: 50 },
      { cohort: '2026-01', month: '1', customers: 10, retention: 0.3, revenuePerCustomer: 60 },
    ]);
  });
});
