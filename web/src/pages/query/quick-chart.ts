// The quick chart of a result: which columns can be its axes, and the chart they make.
import type { EChartsOption } from 'echarts';
import type { QueryResult } from '../../api/query-types';
import { CURRENT } from '../../charts/palette';
import type { ChartView } from '../../widgets/chart-card/ChartCard';
import { columnKind, type ColumnKind } from './column-kinds';
import { columnKeys } from './result-table';

/** Rows beyond this many are left out of the chart (its table and CSV say which are in). */
export const CHART_ROWS = 1000;

export type ChartKind = 'bar' | 'line';

export interface AxisColumn {
  key: string;
  label: string;
  index: number;
  kind: ColumnKind;
}

export interface ChartPick {
  x: string;
  y: string;
  kind: ChartKind;
}

/** The columns that can be the x axis (text, dates) and the y axis (numbers); null when either is missing. */
export function chartChoices(result: QueryResult): { x: AxisColumn[]; y: AxisColumn[] } | null {
  const keys = columnKeys(result.columns.map((c) => c.name));
  const columns = result.columns.map((column, index) => ({
    key: keys[index] ?? column.name,
    label: column.name,
    index,
    kind: columnKind(column.type),
  }));
  const x = columns.filter((c) => c.kind === 'text' || c.kind === 'temporal');
  const y = columns.filter((c) => c.kind === 'number');
  return x.length > 0 && y.length > 0 ? { x, y } : null;
}

/**
 * The user's pick where it still fits the result, else the first date or text column against
 * the first number: a line over dates, bars over categories.
 */
export function chartPick(
  choices: { x: AxisColumn[]; y: AxisColumn[] },
  wanted: Partial<ChartPick> = {},
): ChartPick | null {
  const x =
    choices.x.find((c) => c.key === wanted.x) ??
    choices.x.find((c) => c.kind === 'temporal') ??
    choices.x[0];
  const y = choices.y.find((c) => c.key === wanted.y) ?? choices.y[0];
  if (!x || !y) return null;
  const sameX = wanted.x === x.key;
  const kind = sameX && wanted.kind ? wanted.kind : x.kind === 'temporal' ? 'line' : 'bar';
  return { x: x.key, y: y.key, kind };
}

const number = (value: unknown): number | null => {
  if (typeof value === 'number') return value;
  // Integers beyond 2^53 arrive as text; a chart needs no more precision than a double's.
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return null;
};

/** The chart of the picked columns over the result's first CHART_ROWS rows, and its table. */
export function quickChartView(
  result: QueryResult,
  choices: { x: AxisColumn[]; y: AxisColumn[] },
  pick: ChartPick,
): ChartView {
  const x = choices.x.find((c) => c.key === pick.x);
  const y = choices.y.find((c) => c.key === pick.y);
  if (!x || !y) throw new Error(`no such columns: ${pick.x}, ${pick.y}`);
  const rows = result.rows.slice(0, CHART_ROWS);
  const categories = rows.map((row) => {
    const value = row[x.index];
    return value === null || value === undefined ? 'NULL' : String(value);
  });
  const values = rows.map((row) => number(row[y.index]));
  const option: EChartsOption = {
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: categories, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value' },
    series: [
      {
        type: pick.kind,
        name: y.label,
        data: values,
        itemStyle: { color: CURRENT },
        ...(pick.kind === 'line' ? { showSymbol: rows.length <= 60, connectNulls: false } : {}),
      },
    ],
  };
  return {
    option,
    table: {
      columns: [
        { key: 'x', label: x.label, format: 'text' },
        { key: 'y', label: y.label, format: 'decimal' },
      ],
      rows: categories.map((category, i) => ({ x: category, y: values[i] ?? null })),
    },
  };
}
