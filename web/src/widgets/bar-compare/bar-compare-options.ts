import type { BarSeriesOption, EChartsOption } from 'echarts';
import type { SeriesPoint } from '../../api/types';
import { COMPARISON, CURRENT, TEXT } from '../../charts/palette';
import type { TableData } from '../../format/csv';
import {
  formatAxis,
  formatChange,
  formatMonth,
  formatValue,
  type FormatContext,
  type ValueFormat,
} from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';
import { axisCap } from './axis-cap';
import { monthAxisLabel } from './month-label';

export const CURRENT_NAME = 'This period';
/** The monthly series always compares with the same month a year earlier, whatever the filter. */
export const YEAR_EARLIER_NAME = 'Same month last year';

export interface BarCompareInput {
  series: readonly SeriesPoint[];
  format: ValueFormat;
  context: FormatContext;
}

/** The relative change from the base; null when either is missing or the base is 0 (as the API). */
export function changeOf(value: number | null, base: number | null): number | null {
  if (value === null || base === null || base === 0) return null;
  return (value - base) / base;
}

function dot(color: string): string {
  return `<span style="display:inline-block;width:9px;height:9px;border-radius:50%;background:${color};margin-right:6px"></span>`;
}

/** The tooltip of one month: both values and the change, formatted for reading. */
export function compareTooltip(point: SeriesPoint, format: ValueFormat, context: FormatContext) {
  const change = changeOf(point.value, point.yearEarlier);
  return [
    `<strong>${formatMonth(point.month, context.locale)}</strong>`,
    `${dot(CURRENT)}${CURRENT_NAME}: <b>${formatValue(point.value, format, context)}</b>`,
    `${dot(COMPARISON)}${YEAR_EARLIER_NAME}: ${formatValue(point.yearEarlier, format, context)}`,
    `Change: ${formatChange(change, context.locale)}`,
  ].join('<br>');
}

type BarDatum = number | null | { value: number; label: BarSeriesOption['label'] };

// A bar cut by the axis says so: its value written up the bar, ending in an arrow that points
// up once the label is turned.
function barData(values: (number | null)[], cap: number | null, input: BarCompareInput) {
  return values.map((value): BarDatum => {
    if (cap === null || value === null || value <= cap) return value;
    const text = `${formatAxis(value, input.format, input.context)} ▸`;
    return {
      value,
      label: { show: true, position: 'insideTop', rotate: 90, align: 'right', formatter: text },
    };
  });
}

/** Monthly grouped bars of one KPI: this period beside the same month a year earlier. */
export function barCompareOptions(input: BarCompareInput): ChartView {
  const { series, format, context } = input;
  const values = series.map((p) => p.value);
  const earlier = series.map((p) => p.yearEarlier);
  const cap = axisCap([...values, ...earlier]);
  const bar = { type: 'bar', barGap: '10%', barCategoryGap: '28%', barMaxWidth: 48 } as const;
  const label = { color: TEXT, fontSize: 10, verticalAlign: 'middle' } as const;
  const option: EChartsOption = {
    animation: false,
    legend: { top: 0, left: 0, data: [CURRENT_NAME, YEAR_EARLIER_NAME] },
    grid: { left: 4, right: 8, top: 34, bottom: 4, outerBoundsMode: 'same' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        const point = series[first?.dataIndex ?? 0];
        return point ? compareTooltip(point, format, context) : '';
      },
    },
    xAxis: {
      type: 'category',
      data: series.map((p) => p.month),
      axisLabel: {
        interval: 0,
        lineHeight: 14,
        formatter: (month: string, index: number) => monthAxisLabel(month, index, context.locale),
      },
    },
    yAxis: {
      type: 'value',
      min: 0,
      ...(cap === null ? {} : { max: cap }),
      axisLabel: { formatter: (v: number) => formatAxis(v, format, context) },
    },
    series: [
      { ...bar, name: CURRENT_NAME, color: CURRENT, label, data: barData(values, cap, input) },
      {
        ...bar,
        name: YEAR_EARLIER_NAME,
        color: COMPARISON,
        label,
        data: barData(earlier, cap, input),
      },
    ],
  };
  return { option, table: compareTable(series, format) };
}

/** The months as a table: both values and the change, raw (the CSV keeps full precision). */
export function compareTable(series: readonly SeriesPoint[], format: ValueFormat): TableData {
  return {
    columns: [
      { key: 'month', label: 'Month', format: 'text' },
      { key: 'value', label: 'This period', format },
      { key: 'yearEarlier', label: 'Same month a year earlier', format },
      { key: 'change', label: 'Change', format: 'percent' },
    ],
    rows: series.map((p) => ({
      month: p.month,
      value: p.value,
      yearEarlier: p.yearEarlier,
      change: changeOf(p.value, p.yearEarlier),
    })),
  };
}
