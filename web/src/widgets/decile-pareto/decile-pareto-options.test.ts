import { describe, expect, it } from 'vitest';
import { DECILES } from '../decile-table/decile-fixture';
import { decileParetoOptions, paretoPoints } from './decile-pareto-options';

const context = { currency: 'EUR', locale: 'en-US' };

describe('paretoPoints', () => {
  it('accumulates the shares of customers and of revenue, top decile first', () => {
    const points = paretoPoints(DECILES);
    expect(points.map((p) => p.customers)).toEqual([2, 4, 5]);
    expect(points.map((p) => p.customerShare)).toEqual([0.4, 0.8, 1]);
    expect(points[0]?.valueShare).toBeCloseTo(0.6, 12);
    expect(points[1]?.valueShare).toBeCloseTo(0.9, 12);
    expect(points[2]?.valueShare).toBeCloseTo(1, 12);
  });

  it('gives no shares for an empty report', () => {
    expect(paretoPoints({ ...DECILES, deciles: [] })).toEqual([]);
  });
});

describe('decileParetoOptions', () => {
  const { option, table } = decileParetoOptions(DECILES, context);
  const series = option.series as { name: string; data: number[][] }[];

  it('starts the curve at the origin and ends it at 100 % of both', () => {
    const curve = series[0]?.data ?? [];
    expect(curve).toHaveLength(4);
    expect(curve[0]).toEqual([0, 0]);
    expect(curve[1]?.[0]).toBe(0.4);
    expect(curve[1]?.[1]).toBeCloseTo(0.6, 12);
    expect(curve[2]?.[1]).toBeCloseTo(0.9, 12);
    expect(curve[3]?.[0]).toBe(1);
  });

  it('draws the line of equal shares for reference', () => {
    expect(series[1]?.name).toBe('Equal shares');
    expect(series[1]?.data).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('reads a point as "top x % of customers: y % of revenue"', () => {
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ data: [0.4, 0.6] })).toBe('Top 40.0% of customers: 60.0% of revenue');
  });

  it('tables the cumulative values per decile', () => {
    expect(table.rows.map((r) => [r.decile, r.customers, r.customerShare])).toEqual([
      [1, 2, 0.4],
      [2, 4, 0.8],
      [3, 5, 1],
    ]);
    expect(table.columns.map((c) => c.label)).toContain('Revenue share');
  });
});
