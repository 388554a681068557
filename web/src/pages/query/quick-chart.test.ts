import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../api/query-types';
import { CHART_ROWS, chartChoices, chartPick, quickChartView } from './quick-chart';

const result = (columns: QueryResult['columns'], rows: QueryResult['rows']): QueryResult => ({
  columns,
  rows,
  rowCount: rows.length,
  truncated: false,
  limit: 10_000,
  seconds: 0.01,
  refreshId: 1,
  asOf: null,
});

const byCountry = result(
  [
    { name: 'country', type: 'VARCHAR' },
    { name: 'month', type: 'DATE' },
    { name: 'customers', type: 'BIGINT' },
    { name: 'revenue', type: 'DECIMAL(18,2)' },
  ],
  [
    ['DE', '2026-01-01', 3, 10.5],
    [null, '2026-02-01', '9007199254740993', null],
  ],
);

describe('chartChoices', () => {
  it('offers text and dates for x, numbers for y', () => {
    const choices = chartChoices(byCountry);
    expect(choices?.x.map((c) => c.key)).toEqual(['country', 'month']);
    expect(choices?.y.map((c) => c.key)).toEqual(['customers', 'revenue']);
  });

  it('offers no chart without a number or without a category', () => {
    expect(chartChoices(result([{ name: 'n', type: 'BIGINT' }], [[1]]))).toBeNull();
    expect(chartChoices(result([{ name: 'c', type: 'VARCHAR' }], [['a']]))).toBeNull();
  });
});

describe('chartPick', () => {
  const choices = chartChoices(byCountry);
  if (!choices) throw new Error('no choices');

  it('draws a line over the first date column by default', () => {
    expect(chartPick(choices)).toEqual({ x: 'month', y: 'customers', kind: 'line' });
  });

  it('keeps what the user picked, bars over a text column', () => {
    expect(chartPick(choices, { x: 'country', y: 'revenue' })).toEqual({
      x: 'country',
      y: 'revenue',
      kind: 'bar',
    });
    expect(chartPick(choices, { x: 'month', y: 'revenue', kind: 'bar' })?.kind).toBe('bar');
  });

  it('falls back when a picked column is gone from the new result', () => {
    expect(chartPick(choices, { x: 'gone', y: 'gone' })).toEqual({
      x: 'month',
      y: 'customers',
      kind: 'line',
    });
  });
});

describe('quickChartView', () => {
  const choices = chartChoices(byCountry);
  if (!choices) throw new Error('no choices');

  it('charts the picked columns, nulls as gaps and big integers as numbers', () => {
    const view = quickChartView(byCountry, choices, { x: 'country', y: 'customers', kind: 'bar' });
    expect(view.table.rows).toEqual([
      { x: 'DE', y: 3 },
      { x: 'NULL', y: 9007199254740992 },
    ]);
    const revenue = quickChartView(byCountry, choices, { x: 'month', y: 'revenue', kind: 'line' });
    expect(revenue.table.rows.map((r) => r['y'])).toEqual([10.5, null]);
    expect(revenue.table.columns.map((c) => c.label)).toEqual(['month', 'revenue']);
  });

  it(`draws at most ${CHART_ROWS} rows`, () => {
    const many = result(
      [
        { name: 'k', type: 'VARCHAR' },
        { name: 'v', type: 'DOUBLE' },
      ],
      Array.from({ length: CHART_ROWS + 5 }, (_, i) => [`k${i}`, i]),
    );
    const manyChoices = chartChoices(many);
    if (!manyChoices) throw new Error('no choices');
    const view = quickChartView(many, manyChoices, { x: 'k', y: 'v', kind: 'bar' });
    expect(view.table.rows).toHaveLength(CHART_ROWS);
  });
});
