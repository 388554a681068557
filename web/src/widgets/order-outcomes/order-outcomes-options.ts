import type { EChartsOption } from 'echarts';
import type { OrderOutcomes } from '../../api/types';
import { PALETTE } from '../../charts/palette';
import type { TableData } from '../../format/csv';
import { formatAxis, formatMonth, formatValue, type FormatContext } from '../../format/format';
import { escapeHtml } from '../../format/html';
import { monthAxisLabel } from '../bar-compare/month-label';
import type { ChartView } from '../chart-card/ChartCard';

/** What the bars count: orders, or their value in the base currency. */
export type OutcomeMeasure = 'orders' | 'value';

type Month = OrderOutcomes['months'][number];

/** The three outcomes the rates are built on, in the order they stack. */
export const OUTCOMES = [
  { key: 'success', name: 'Successful', color: PALETTE[2] },
  { key: 'canceled', name: 'Canceled', color: PALETTE[5] },
  { key: 'returned', name: 'Returned', color: PALETTE[1] },
] as const;

export const RATES = [
  { key: 'cancelRate', name: 'Cancel rate', color: PALETTE[3] },
  { key: 'returnRate', name: 'Return rate', color: PALETTE[4] },
] as const;

function tooltip(month: Month | undefined, context: FormatContext): string {
  if (!month) return '';
  return [
    `<strong>${escapeHtml(formatMonth(month.month, context.locale))}</strong>`,
    ...OUTCOMES.map(
      ({ key, name }) =>
        `${name}: <b>${formatValue(month[key].orders, 'count', context)}</b> orders, ${formatValue(month[key].value, 'money', context)}`,
    ),
    ...RATES.map(({ key, name }) => `${name}: ${formatValue(month[key], 'percent', context)}`),
    ...(month.other.orders > 0
      ? [`Other statuses: ${formatValue(month.other.orders, 'count', context)} orders, in no rate`]
      : []),
  ].join('<br>');
}

/**
 * Successful, canceled and returned orders per month as stacked bars (their count or their
 * value), with the cancel and return rates as lines on a second axis.
 */
export function orderOutcomesOptions(
  report: OrderOutcomes,
  measure: OutcomeMeasure,
  context: FormatContext,
): ChartView {
  const { months } = report;
  const format = measure === 'orders' ? 'count' : 'money';
  const option: EChartsOption = {
    animation: false,
    legend: { top: 0, left: 0 },
    grid: { left: 4, right: 4, top: 34, bottom: 4, outerBoundsMode: 'same' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        return tooltip(months[first?.dataIndex ?? 0], context);
      },
    },
    xAxis: {
      type: 'category',
      data: months.map((m) => m.month),
      axisLabel: {
        interval: 0,
        lineHeight: 14,
        formatter: (month: string, index: number) => monthAxisLabel(month, index, context.locale),
      },
    },
    yAxis: [
      {
        type: 'value',
        min: 0,
        axisLabel: { formatter: (v: number) => formatAxis(v, format, context) },
      },
      {
        type: 'value',
        min: 0,
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => formatAxis(v, 'percent', context) },
      },
    ],
    series: [
      ...OUTCOMES.map(({ key, name, color }) => ({
        type: 'bar' as const,
        name,
        color,
        stack: 'orders',
        barMaxWidth: 48,
        data: months.map((m) => (measure === 'orders' ? m[key].orders : m[key].value)),
      })),
      ...RATES.map(({ key, name, color }) => ({
        type: 'line' as const,
        name,
        color,
        yAxisIndex: 1,
        connectNulls: false,
        symbolSize: 6,
        lineStyle: { width: 2 },
        data: months.map((m) => m[key]),
      })),
    ],
  };
  return { option, table: outcomesTable(report) };
}

/** The months as a table with every count, value and rate, raw (the CSV keeps full precision). */
export function outcomesTable(report: OrderOutcomes): TableData {
  return {
    columns: [
      { key: 'month', label: 'Month', format: 'text' },
      ...OUTCOMES.flatMap(({ key, name }) => [
        { key: `${key}Orders`, label: `${name} orders`, format: 'count' as const },
        { key: `${key}Value`, label: `${name} value`, format: 'money' as const },
      ]),
      { key: 'otherOrders', label: 'Other orders', format: 'count' },
      ...RATES.map(({ key, name }) => ({ key, label: name, format: 'percent' as const })),
    ],
    rows: report.months.map((m) => ({
      month: m.month,
      successOrders: m.success.orders,
      successValue: m.success.value,
      canceledOrders: m.canceled.orders,
      canceledValue: m.canceled.value,
      returnedOrders: m.returned.orders,
      returnedValue: m.returned.value,
      otherOrders: m.other.orders,
      cancelRate: m.cancelRate,
      returnRate: m.returnRate,
    })),
  };
}
