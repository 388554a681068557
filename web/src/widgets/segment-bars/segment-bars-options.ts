import type { EChartsOption } from 'echarts';
import type { Kpi, KpiKey, KpiReport } from '../../api/types';
import { COMPARISON, CURRENT, MUTED, TEXT } from '../../charts/palette';
import type { Row, TableData } from '../../format/csv';
import { formatAxis, formatChange, formatValue, type FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';
import type { ValueFormat } from '../../format/format';
import { escapeHtml } from '../../format/html';

export interface SegmentGroup {
  segment: string;
  customers: number;
  kpis: KpiReport;
}

export interface SegmentBarsInput {
  segments: readonly SegmentGroup[];
  kpi: KpiKey;
  /** The number format of the KPI's unit (from the catalogue). */
  format: ValueFormat;
  /** The KPI over all customers, drawn as a grey bar after the groups. */
  overall: Kpi | null;
  /** What the comparison period is called: "Previous period" or "Same period last year". */
  comparisonLabel: string;
  context: FormatContext;
  /** How a group reads on the axis and in the tooltip ("paid search"); the table keeps raw values. */
  groupLabel?(group: string): string;
}

export const CURRENT_NAME = 'This period';
export const ALL_CUSTOMERS = 'All customers';
/** The all-customers bars: greys, so they read as the reference and not as one more group. */
export const ALL_CURRENT = MUTED;
export const ALL_COMPARISON = '#bcccdc';
/** The legend's names of the all-customers bars. */
export const ALL_CURRENT_NAME = `${ALL_CUSTOMERS}, this period`;
export const allComparisonName = (comparisonLabel: string) =>
  `${ALL_CUSTOMERS}, ${comparisonLabel.charAt(0).toLowerCase()}${comparisonLabel.slice(1)}`;

/** The axis and tooltip text of a table row's group: all customers as they are. */
function shownGroup(row: Row | undefined, input: SegmentBarsInput, last: boolean): string {
  const group = String(row?.group ?? '');
  return last && input.overall !== null ? group : (input.groupLabel?.(group) ?? group);
}

/**
 * Legend entries for the grey all-customers bars, which are items of the period's series: empty
 * scatter series, which take no room among the bars.
 */
function allCustomersLegend(names: readonly { name: string; color: string }[]) {
  return names.map(({ name, color }) => ({
    type: 'scatter' as const,
    name,
    color,
    symbol: 'rect',
    data: [],
  }));
}

/** The chart's height for n groups (all customers included): a readable bar pair per group. */
export function segmentBarsHeight(groups: number, withComparison: boolean): number {
  return Math.max(200, 40 + groups * (withComparison ? 38 : 28));
}

/** Whether any group has a comparison value (predicted CLV never has one). */
export function hasComparison(segments: readonly SegmentGroup[], kpi: KpiKey): boolean {
  return segments.some((s) => s.kpis[kpi].previous !== null);
}

function tooltip(row: Row | undefined, input: SegmentBarsInput, last: boolean): string {
  if (!row) return '';
  const { format } = input;
  const value = (v: Row[string] | undefined) =>
    formatValue(typeof v === 'number' ? v : null, format, input.context);
  const change = typeof row.change === 'number' ? row.change : null;
  return [
    `<strong>${escapeHtml(shownGroup(row, input, last))}</strong>`,
    `Customers: ${formatValue(row.customers ?? null, 'count', input.context)}`,
    `${CURRENT_NAME}: <b>${value(row.value)}</b>`,
    `${input.comparisonLabel}: ${value(row.previous)}`,
    `Change: ${formatChange(change, input.context.locale)}`,
  ].join('<br>');
}

// The last bar is all customers when there is one: the table's last row.
function bars(rows: Row[], key: 'value' | 'previous', allColor: string, withAll: boolean) {
  return rows.map((row, i) => {
    const value = typeof row[key] === 'number' ? row[key] : null;
    return withAll && i === rows.length - 1 ? { value, itemStyle: { color: allColor } } : value;
  });
}

/** One KPI per group as horizontal bars beside the comparison period, all customers last. */
export function segmentBarsOptions(input: SegmentBarsInput): ChartView {
  const { kpi, overall, comparisonLabel, context, format } = input;
  const table = segmentTable(input);
  const withAll = overall !== null;
  const option: EChartsOption = {
    animation: false,
    legend: { top: 0, left: 0, selectedMode: false },
    grid: { left: 4, right: 64, top: 30, bottom: 4, outerBoundsMode: 'same' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        const index = first?.dataIndex ?? 0;
        return tooltip(table.rows[index], input, index === table.rows.length - 1);
      },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: table.rows.map((r, i) => shownGroup(r, input, i === table.rows.length - 1)),
    },
    xAxis: {
      type: 'value',
      min: 0,
      axisLabel: { formatter: (v: number) => formatAxis(v, format, context) },
    },
    series: [
      {
        type: 'bar',
        name: CURRENT_NAME,
        color: CURRENT,
        barMaxWidth: 20,
        data: bars(table.rows, 'value', ALL_CURRENT, withAll),
        label: {
          show: true,
          position: 'right',
          color: TEXT,
          formatter: ({ dataIndex }) => {
            const value = table.rows[dataIndex]?.value;
            return formatValue(typeof value === 'number' ? value : null, format, context);
          },
        },
      },
      ...(hasComparison(input.segments, kpi)
        ? [
            {
              type: 'bar' as const,
              name: comparisonLabel,
              color: COMPARISON,
              barMaxWidth: 20,
              data: bars(table.rows, 'previous', ALL_COMPARISON, withAll),
            },
          ]
        : []),
      ...(withAll
        ? allCustomersLegend([
            { name: ALL_CURRENT_NAME, color: ALL_CURRENT },
            ...(hasComparison(input.segments, kpi)
              ? [{ name: allComparisonName(comparisonLabel), color: ALL_COMPARISON }]
              : []),
          ])
        : []),
    ],
  };
  return { option, table };
}

/** The groups as a table, then all customers: raw values with the comparison and the change. */
export function segmentTable({
  segments,
  kpi,
  overall,
  comparisonLabel,
  format,
}: SegmentBarsInput) {
  const table: TableData = {
    columns: [
      { key: 'group', label: 'Group', format: 'text' },
      { key: 'customers', label: 'Customers', format: 'count' },
      { key: 'value', label: CURRENT_NAME, format },
      { key: 'previous', label: comparisonLabel, format },
      { key: 'change', label: 'Change', format: 'percent' },
    ],
    rows: segments.map((s) => ({
      group: s.segment,
      customers: s.customers,
      value: s.kpis[kpi].value,
      previous: s.kpis[kpi].previous,
      change: s.kpis[kpi].change,
    })),
  };
  if (overall) {
    table.rows.push({
      group: ALL_CUSTOMERS,
      customers: segments.reduce((sum, s) => sum + s.customers, 0),
      value: overall.value,
      previous: overall.previous,
      change: overall.change,
    });
  }
  return table;
}
