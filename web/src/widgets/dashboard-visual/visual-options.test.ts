import { describe, expect, it } from 'vitest';
import type { TableData } from '../../format/csv';
import { cartesianOption, heatmapOption, pieOption } from './visual-options';

const context = { currency: 'EUR', locale: 'en-US' };

const LONG: TableData = {
  columns: [
    { key: 'month', label: 'Month', format: 'text' },
    { key: 'channel', label: 'Channel', format: 'text' },
    { key: 'orders', label: 'Orders', format: 'count' },
    { key: 'revenue', label: 'Revenue', format: 'money' },
  ],
  rows: [
    { month: '2026-01', channel: 'email', orders: 3, revenue: 30 },
    { month: '2026-01', channel: 'sms', orders: 1, revenue: 10 },
    { month: '2026-02', channel: 'email', orders: 4, revenue: 40 },
  ],
};

type Series = { name: string; type: string; data: unknown[]; stack?: string; areaStyle?: object };

describe('the dashboard’s chart options', () => {
  it('draws one bar series per value column over the categories', () => {
    const option = cartesianOption(
      { ...LONG, rows: LONG.rows.filter((r) => r['channel'] === 'email') },
      { type: 'bar', x: 'month', y: ['orders', 'revenue'] },
      'bar',
      context,
    );
    expect((option.xAxis as { data: string[] }).data).toEqual(['2026-01', '2026-02']);
    expect((option.series as Series[]).map((s) => [s.name, s.type, s.data])).toEqual([
      ['Orders', 'bar', [3, 4]],
      ['Revenue', 'bar', [30, 40]],
    ]);
  });

  it('splits a value by the series column, stacked, with a gap where a pair is missing', () => {
    const option = cartesianOption(
      LONG,
      { type: 'stacked-bar', x: 'month', y: ['orders'], series: 'channel' },
      'stacked-bar',
      context,
    );
    expect((option.series as Series[]).map((s) => [s.name, s.data, s.stack])).toEqual([
      ['email', [3, 4], 'total'],
      ['sms', [1, null], 'total'],
    ]);
  });

  it('fills an area chart under its line', () => {
    const option = cartesianOption(
      LONG,
      { type: 'area', x: 'month', y: ['revenue'] },
      'area',
      context,
    );
    const [series] = option.series as Series[];
    expect(series?.type).toBe('line');
    expect(series?.areaStyle).toBeDefined();
  });

  it('makes a slice per row of a pie', () => {
    const option = pieOption(LONG, { type: 'pie', x: 'channel', y: ['orders'] }, context);
    const [series] = option.series as { data: { name: string; value: number }[] }[];
    expect(series?.data).toEqual([
      { name: 'email', value: 3 },
      { name: 'sms', value: 1 },
      { name: 'email', value: 4 },
    ]);
  });

  it('places heatmap cells by category and series, coloured from the smallest to the largest value', () => {
    const option = heatmapOption(
      LONG,
      { type: 'heatmap', x: 'month', y: ['revenue'], series: 'channel' },
      context,
    );
    const [series] = option.series as { data: number[][] }[];
    expect(series?.data).toEqual([
      [0, 0, 30],
      [0, 1, 10],
      [1, 0, 40],
    ]);
    expect(option.visualMap).toMatchObject({ min: 10, max: 40 });
    expect((option.yAxis as { data: string[] }).data).toEqual(['email', 'sms']);
  });
});
