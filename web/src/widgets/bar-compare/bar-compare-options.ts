import type { BarSeriesOption, EChartsOption } from 'echarts';
import type { SeriesPoint } from '../../api/types';
import { COMPARISON, CURRENT, MUTED, TEXT } from '../../charts/palette';
import { reasonText, SHORT_HISTORY } from '../../api/absent-reasons';
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
import { axisCap, niceCeil } from './axis-cap';
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

/** Why a month's value reads as it does: its reason, or too little history; '' for neither. */
export function pointNote(point: SeriesPoint, side: 'value' | 'yearEarlier'): string {
  if (point.insufficientHistory[side]) return 'too little history';
  return reasonText(side === 'value' ? point.reason : point.yearEarlierReason) ?? '';
}

/** The tooltip of one month: both values and the change, formatted for reading. */
export function compareTooltip(point: SeriesPoint, format: ValueFormat, context: FormatContext) {
  const short = point.insufficientHistory.value || point.insufficientHistory.yearEarlier;
  const change = short ? null : changeOf(point.value, point.yearEarlier);
  const note = (side: 'value' | 'yearEarlier') => {
    const text = pointNote(point, side);
    return text ? ` <i>(${text})</i>` : '';
  };
  return [
    `<strong>${formatMonth(point.month, context.locale)}</strong>`,
    `${dot(CURRENT)}${CURRENT_NAME}: <b>${formatValue(point.value, format, context)}</b>${note('value')}`,
    `${dot(COMPARISON)}${YEAR_EARLIER_NAME}: ${formatValue(point.yearEarlier, format, context)}${note('yearEarlier')}`,
    `Change: ${formatChange(change, context.locale)}`,
  ].join('<br>');
}

type BarDatum =
  | number
  | null
  | { value: number; label?: BarSeriesOption['label']; itemStyle?: BarSeriesOption['itemStyle'] };

/** A bar resting on too little history: grey and faint, shown but not as a fact. */
const SHORT_STYLE = {
  color: MUTED,
  opacity: 0.4,
  borderColor: MUTED,
  borderType: 'dashed',
} as const;

// A bar cut by the axis says so: its value written up the bar, ending in an arrow that points
// up once the label is turned.
function barData(
  values: (number | null)[],
  short: boolean[],
  cap: number | null,
  input: BarCompareInput,
) {
  return values.map((value, i): BarDatum => {
    if (value === null) return null;
    const style = short[i] ? { itemStyle: { ...SHORT_STYLE, borderWidth: 1 } } : {};
    if (cap === null || value <= cap) return short[i] ? { value, ...style } : value;
    const text = `${formatAxis(value, input.format, input.context)} ▸`;
    return {
      value,
      ...style,
      label: { show: true, position: 'insideTop', rotate: 90, align: 'right', formatter: text },
    };
  });
}

/**
 * The axis maximum: a far outlier is cut (axisCap), and so is every bar on too little history
 * that reaches above the others, so that it never sets the scale.
 */
function axisMax(values: (number | null)[], short: boolean[]): number | null {
  const trusted = values.filter((v, i): v is number => v !== null && !short[i]);
  const cap = axisCap(trusted);
  if (cap !== null) return cap;
  const top = Math.max(0, ...trusted);
  const shortTop = Math.max(0, ...values.filter((v, i): v is number => v !== null && !!short[i]));
  return top > 0 && shortTop > top ? niceCeil(top) : null;
}

/** Whether any month of the series rests on too little history (the chart then says why). */
export function hasShortHistory(series: readonly SeriesPoint[]): boolean {
  return series.some((p) => p.insufficientHistory.value || p.insufficientHistory.yearEarlier);
}

/** The sentence under a chart with grey bars. */
export const SHORT_HISTORY_NOTE = `Grey bars are left out of the scale. ${SHORT_HISTORY}`;

/** Monthly grouped bars of one KPI: this period beside the same month a year earlier. */
export function barCompareOptions(input: BarCompareInput): ChartView {
  const { series, format, context } = input;
  const values = series.map((p) => p.value);
  const earlier = series.map((p) => p.yearEarlier);
  const shortNow = series.map((p) => p.insufficientHistory.value);
  const shortEarlier = series.map((p) => p.insufficientHistory.yearEarlier);
  const cap = axisMax([...values, ...earlier], [...shortNow, ...shortEarlier]);
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
      {
        ...bar,
        name: CURRENT_NAME,
        color: CURRENT,
        label,
        data: barData(values, shortNow, cap, input),
      },
      {
        ...bar,
        name: YEAR_EARLIER_NAME,
        color: COMPARISON,
        label,
        data: barData(earlier, shortEarlier, cap, input),
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
      { key: 'note', label: 'Note', format: 'text' },
    ],
    rows: series.map((p) => {
      const short = p.insufficientHistory.value || p.insufficientHistory.yearEarlier;
      const notes = [
        pointNote(p, 'value') && `this month: ${pointNote(p, 'value')}`,
        pointNote(p, 'yearEarlier') && `a year earlier: ${pointNote(p, 'yearEarlier')}`,
      ].filter(Boolean);
      return {
        month: p.month,
        value: p.value,
        yearEarlier: p.yearEarlier,
        change: short ? null : changeOf(p.value, p.yearEarlier),
        note: notes.length > 0 ? notes.join('; ') : null,
      };
    }),
  };
}
