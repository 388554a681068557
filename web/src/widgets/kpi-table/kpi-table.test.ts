import { describe, expect, it } from 'vitest';
import { KPI_KEYS } from '../../api/types';
import { KPIS } from '../../test-support/kpi-catalog';
import { kpiReport } from '../../test-support/kpi-report';
import { toCsv } from '../../format/csv';
import { kpiTable, screenColumns } from './kpi-table';

describe('the KPI table', () => {
  const kpis = kpiReport({
    revenue: { value: 1841565.96568, previous: 1098059.11483, change: 0.6771 },
    cancelRate: { value: 0.089, previous: 0.087, change: 0.023, changePoints: 0.2 },
    clvRolling: {
      value: 976659,
      previous: 652.32,
      change: 1496,
      insufficientHistory: { value: true, previous: false },
    },
    cac: { reason: 'no-spend', previousReason: 'no-spend' },
  });
  const table = kpiTable(kpis, 'Previous period', KPIS);

  it('has a row per KPI, every one the cards show, nulls kept and reasons beside them', () => {
    expect(table.rows.map((r) => r['key'])).toEqual([...KPI_KEYS]);
    for (const key of ['clvRolling', 'clvSimple', 'clvPredicted', 'cac', 'clvToCac']) {
      expect(table.rows.map((r) => r['key'])).toContain(key);
    }
    expect(table.rows.find((r) => r['key'] === 'cac')).toMatchObject({
      value: null,
      reason: 'no acquisition spend in the range',
      previousReason: 'no acquisition spend in the range',
      format: 'money',
    });
    expect(table.rows.find((r) => r['key'] === 'cancelRate')).toMatchObject({
      change: 0.023,
      changePoints: 0.2,
      format: 'percent',
    });
    expect(table.rows.find((r) => r['key'] === 'orders')?.['format']).toBe('count');
    expect(table.rows.find((r) => r['key'] === 'clvRolling')).toMatchObject({
      shortHistory: 'this period',
      valueShort: 1,
      previousShort: 0,
    });
  });

  it('keeps the key, points and reasons for the CSV and off the screen', () => {
    expect(screenColumns(table).map((c) => c.label)).toEqual([
      'KPI',
      'This period',
      'Previous period',
      'Change',
    ]);
    const [header, revenue] = toCsv(table).split('\r\n');
    expect(header).toBe(
      'KPI,Key,This period,Previous period,Change,Change (pp),Why this period reads so,Why previous period reads so,Too little history',
    );
    expect(revenue).toBe('Revenue,revenue,1841565.96568,1098059.11483,0.6771,,,,');
  });
});
