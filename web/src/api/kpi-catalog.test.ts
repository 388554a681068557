import { describe, expect, it } from 'vitest';
import { KPIS } from '../test-support/kpi-catalog';
import { afterCatalog, type KpiCatalog } from './kpi-catalog';

const reload = () => undefined;
const report = { status: 'ready' as const, data: { n: 1 }, reload };

describe('the KPI catalogue in the dashboard', () => {
  it('gives each KPI the number format of its unit', () => {
    expect([KPIS.revenue.format, KPIS.churn.format, KPIS.orders.format]).toEqual([
      'money',
      'percent',
      'count',
    ]);
    expect([KPIS.clvToCac.format, KPIS.purchaseFrequency.format]).toEqual(['ratio', 'decimal']);
    expect(KPIS.churn.label).toBe('Monthly churn');
  });

  it('keeps a report loading until the catalogue is there, and passes its error on', () => {
    const loading = { status: 'loading' as const, reload };
    expect(afterCatalog(report, loading).status).toBe('loading');
    const error = new Error('no catalogue');
    expect(afterCatalog(report, { status: 'error', error, reload })).toMatchObject({
      status: 'error',
      error,
    });
    const catalog: KpiCatalog = { kpis: [] };
    expect(afterCatalog(report, { status: 'ready', data: catalog, reload })).toBe(report);
    expect(afterCatalog(loading, { status: 'ready', data: catalog, reload })).toBe(loading);
  });
});
