// The chart types a dashboard widget can be, as ECharts options built from the widget's table
// (already sorted, limited and cut to its columns by visualTable). Pure, tested without a browser.
import type { EChartsOption } from 'echarts';
import { PALETTE, SEQUENTIAL } from '../../charts/palette';
import type { Cell, Column, TableData } from '../../format/csv';
import { formatAxis, formatValue, type FormatContext } from '../../format/format';
import type { Visual } from '../../dashboards/dashboard-types';

export type ChartType = Exclude<Visual['type'], 'kpi' | 'table'>;

const text = (cell: Cell | undefined) => (cell === null || cell === undefined ? '—' : String(cell));
const number = (cell: Cell | undefined) => (typeof cell === 'number' ? cell : null);
const distinct = (cells: readonly (Cell | undefined)[]) => [...new Set(cells.map(text))];

function columnsOf(table: TableData, visual: Visual) {
  const find = (key: string | undefined) => table.columns.find((c) => c.key === key);
  const x = find(visual.x);
  const series = find(visual.series);
  const ys = (visual.y ?? []).map(find).filter((c): c is Column => c !== undefined);
  return { x, series, ys };
}

/** Bars, stacked bars, lines or areas: one series per value column, or per value of the series column. */
export function cartesianOption(
  table: TableData,
  visual: Visual,
  type: 'bar' | 'stacked-bar' | 'line' | 'area',
  context: FormatContext,
): EChartsOption {
  const { x, series, ys } = columnsOf(table, visual);
  const format = ys[0]?.format ?? 'decimal';
  // Split by a series column, a category is one value of x; otherwise each row is a category,
  // so values line up with their rows even where x repeats.
  const categories = series
    ? distinct(table.rows.map((row) => row[x?.key ?? '']))
    : table.rows.map((row) => text(row[x?.key ?? '']));
  const lines: { name: string; data: (number | null)[] }[] =
    series && ys[0]
      ? distinct(table.rows.map((row) => row[series.key])).map((name) => ({
          name,
          data: categories.map((category) => {
            const row = table.rows.find(
              (r) => text(r[x?.key ?? '']) === category && text(r[series.key]) === name,
            );
            return number(row?.[ys[0]?.key ?? '']);
          }),
        }))
      : ys.map((y) => ({ name: y.label, data: table.rows.map((row) => number(row[y.key])) }));
  const chart = type === 'area' ? 'line' : type === 'stacked-bar' ? 'bar' : type;
  return {
    animation: false,
    color: [...PALETTE],
    grid: { left: 64, right: 16, top: lines.length > 1 ? 40 : 16, bottom: 32 },
    legend: lines.length > 1 ? { top: 0, type: 'scroll' } : { show: false },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => formatValue(typeof v === 'number' ? v : null, format, context),
    },
    xAxis: { type: 'category', data: categories, name: x?.label ?? '', nameLocation: 'middle' },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => formatAxis(v, format, context) },
    },
    series: lines.map((line) => ({
      type: chart,
      name: line.name,
      data: line.data,
      ...(type === 'stacked-bar' || (type === 'area' && series) ? { stack: 'total' } : {}),
      ...(type === 'area' ? { areaStyle: { opacity: 0.35 } } : {}),
      ...(chart === 'line' ? { symbol: categories.length > 1 ? 'none' : 'circle' } : {}),
    })),
  };
}

/** A pie: one slice per row, named by the category column, sized by the first value column. */
export function pieOption(table: TableData, visual: Visual, context: FormatContext): EChartsOption {
  const { x, ys } = columnsOf(table, visual);
  const y = ys[0];
  const format = y?.format ?? 'decimal';
  return {
    animation: false,
    color: [...PALETTE],
    tooltip: {
      trigger: 'item',
      valueFormatter: (v) => formatValue(typeof v === 'number' ? v : null, format, context),
    },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      {
        type: 'pie',
        name: y?.label ?? '',
        radius: ['35%', '70%'],
        data: table.rows.map((row) => ({
          name: text(row[x?.key ?? '']),
          value: number(row[y?.key ?? '']) ?? 0,
        })),
      },
    ],
  };
}

/** A heatmap: the category column across, the series column down, the first value column as colour. */
export function heatmapOption(
  table: TableData,
  visual: Visual,
  context: FormatContext,
): EChartsOption {
  const { x, series, ys } = columnsOf(table, visual);
  const y = ys[0];
  const format = y?.format ?? 'decimal';
  const across = distinct(table.rows.map((row) => row[x?.key ?? '']));
  const down = distinct(table.rows.map((row) => row[series?.key ?? '']));
  const cells = table.rows.flatMap((row) => {
    const value = number(row[y?.key ?? '']);
    if (value === null) return [];
    return [
      [across.indexOf(text(row[x?.key ?? ''])), down.indexOf(text(row[series?.key ?? ''])), value],
    ];
  });
  const values = cells.map((c) => c[2] ?? 0);
  return {
    animation: false,
    grid: { left: 80, right: 16, top: 16, bottom: 56 },
    tooltip: {
      position: 'top',
      valueFormatter: (v) => formatValue(typeof v === 'number' ? v : null, format, context),
    },
    xAxis: { type: 'category', data: across, name: x?.label ?? '', nameLocation: 'middle' },
    yAxis: { type: 'category', data: down },
    visualMap: {
      min: values.length ? Math.min(...values) : 0,
      max: values.length ? Math.max(...values) : 1,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: [...SEQUENTIAL] },
      formatter: (v) => formatAxis(Number(v), format, context),
    },
    series: [{ type: 'heatmap', name: y?.label ?? '', data: cells }],
  };
}

/** The options of any chart type. */
export function chartOption(
  table: TableData,
  visual: Visual,
  type: ChartType,
  context: FormatContext,
): EChartsOption {
  if (type === 'pie') return pieOption(table, visual, context);
  if (type === 'heatmap') return heatmapOption(table, visual, context);
  return cartesianOption(table, visual, type, context);
}
