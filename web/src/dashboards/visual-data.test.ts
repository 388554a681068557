import { describe, expect, it } from 'vitest';
import type { TableData } from '../format/csv';
import {
  defaultVisual,
  encodingProblem,
  kpiFigure,
  shownColumns,
  sortRows,
  visualTable,
} from './visual-data';

const DECILES: TableData = {
  columns: [
    { key: 'decile', label: 'Decile', format: 'text' },
    { key: 'customers', label: 'Customers', format: 'count' },
    { key: 'revenue', label: 'Revenue', format: 'money' },
  ],
  rows: [
    { decile: '1', customers: 10, revenue: 500 },
    { decile: '2', customers: 10, revenue: 300 },
    { decile: '10', customers: 9, revenue: null },
  ],
};

describe('a visual’s table', () => {
  it('sorts numbers as numbers and text in reading order, empty cells last', () => {
    expect(sortRows(DECILES.rows, 'revenue', 'asc').map((r) => r['decile'])).toEqual([
      '2',
      '1',
      '10',
    ]);
    expect(sortRows(DECILES.rows, 'decile', 'desc').map((r) => r['decile'])).toEqual([
      '10',
      '2',
      '1',
    ]);
  });

  it('keeps its columns (category, then values), sorted and cut to its limit', () => {
    const table = visualTable(DECILES, {
      type: 'bar',
      x: 'decile',
      y: ['revenue'],
      sort: { by: 'revenue', dir: 'desc' },
      limit: 2,
    });
    expect(table.columns.map((c) => c.key)).toEqual(['decile', 'revenue']);
    expect(table.rows).toEqual([
      { decile: '1', revenue: 500 },
      { decile: '2', revenue: 300 },
    ]);
  });

  it('shows every column in a table with none chosen, and applies the chosen format to values', () => {
    expect(shownColumns(DECILES, { type: 'table' }).map((c) => c.key)).toEqual([
      'decile',
      'customers',
      'revenue',
    ]);
    expect(
      shownColumns(DECILES, { type: 'bar', x: 'decile', y: ['customers'], format: 'number' }).map(
        (c) => c.format,
      ),
    ).toEqual(['text', 'count']);
    expect(
      shownColumns(DECILES, { type: 'bar', x: 'decile', y: ['revenue'], format: 'percent' })[1]
        ?.format,
    ).toBe('percent');
  });

  it('says why it cannot draw: a column gone, no axis chosen', () => {
    expect(encodingProblem(DECILES, { type: 'bar', x: 'decile', y: ['gone'] })).toBe(
      'The answer has no column “gone”: edit the widget to choose others.',
    );
    expect(encodingProblem(DECILES, { type: 'line', y: ['revenue'] })).toBe(
      'Choose a column for the category axis.',
    );
    expect(encodingProblem(DECILES, { type: 'heatmap', x: 'decile', y: ['revenue'] })).toBe(
      'A heatmap needs a series column.',
    );
    expect(encodingProblem(DECILES, { type: 'table' })).toBeNull();
  });

  it('starts a source with bars, a line over time, or a card for a KPI', () => {
    expect(defaultVisual(DECILES, 'report')).toEqual({
      type: 'bar',
      x: 'decile',
      y: ['customers'],
    });
    const days: TableData = {
      columns: [
        { key: 'day', label: 'Day', format: 'text' },
        { key: 'members', label: 'Members', format: 'count' },
      ],
      rows: [{ day: '2026-12-01', members: 3 }],
    };
    expect(defaultVisual(days, 'audience')).toEqual({ type: 'line', x: 'day', y: ['members'] });
    expect(defaultVisual(DECILES, 'kpi')).toEqual({ type: 'kpi', y: ['value'] });
  });
});

describe('a KPI card’s figure', () => {
  it('reads a KPI source’s value, previous value and change', () => {
    const table: TableData = {
      columns: [
        { key: 'kpi', label: 'KPI', format: 'text' },
        { key: 'value', label: 'Revenue', format: 'money' },
        { key: 'previous', label: 'Previous period', format: 'money' },
        { key: 'change', label: 'Change', format: 'percent' },
      ],
      rows: [{ kpi: 'Revenue', value: 120, previous: 100, change: 0.2 }],
    };
    expect(kpiFigure(table, { type: 'kpi', y: ['value'] })).toEqual({
      label: 'Revenue',
      value: 120,
      previous: 100,
      change: 0.2,
      format: 'money',
    });
  });

  it('compares any other table’s last row with the row before', () => {
    const table: TableData = {
      columns: [
        { key: 'day', label: 'Day', format: 'text' },
        { key: 'members', label: 'Members', format: 'count' },
      ],
      rows: [
        { day: '2026-12-01', members: 80 },
        { day: '2026-12-02', members: 100 },
      ],
    };
    expect(kpiFigure(table, { type: 'kpi', y: ['members'] })).toEqual({
      label: 'Members',
      value: 100,
      previous: 80,
      change: 0.25,
      format: 'count',
    });
    expect(kpiFigure({ ...table, rows: [] }, { type: 'kpi' })).toBeNull();
  });
});
