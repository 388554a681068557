import type { EChartsOption } from 'echarts';
import type { NpsReport } from '../../api/types';
import { BAD, GOOD, MUTED, PALETTE } from '../../charts/palette';
import { formatAxis, formatValue, type FormatContext, type ValueFormat } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';

export type NpsMetric = 'clvHistoric' | 'retentionRate' | 'apv';

export const NPS_METRICS: Record<NpsMetric, { label: string; format: ValueFormat }> = {
  clvHistoric: { label: 'CLV (historic)', format: 'money' },
  retentionRate: { label: 'Retention', format: 'percent' },
  apv: { label: 'Average purchase value', format: 'money' },
};

// Promoters and detractors in the dashboard's good and bad colours, passives neutral.
const GROUP_COLOURS: Record<string, string> = {
  promoters: GOOD,
  passives: MUTED,
  detractors: BAD,
};

/** A group's name for reading: "Promoters". */
export function groupName(group: string): string {
  return group.charAt(0).toUpperCase() + group.slice(1);
}

/** One figure (CLV, retention or APV) per NPS group as bars; a null draws no bar. */
export function npsGroupOptions(
  report: NpsReport,
  metric: NpsMetric,
  context: FormatContext,
): ChartView {
  const { label, format } = NPS_METRICS[metric];
  const read = (v: unknown) => formatValue(typeof v === 'number' ? v : null, format, context);
  const option: EChartsOption = {
    animation: false,
    grid: { left: 64, right: 16, top: 28, bottom: 32 },
    xAxis: { type: 'category', data: report.groups.map((g) => groupName(g.group)) },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => formatAxis(v, format, context) },
    },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: read },
    series: [
      {
        type: 'bar',
        name: label,
        data: report.groups.map((g, i) => ({
          value: g[metric],
          itemStyle: { color: GROUP_COLOURS[g.group] ?? PALETTE[i % PALETTE.length] },
        })),
        label: { show: true, position: 'top', fontSize: 11, formatter: ({ value }) => read(value) },
      },
    ],
  };
  return {
    option,
    table: {
      columns: [
        { key: 'group', label: 'Group', format: 'text' },
        { key: 'customers', label: 'Customers', format: 'count' },
        { key: metric, label, format },
      ],
      rows: report.groups.map((g) => ({
        group: g.group,
        customers: g.customers,
        [metric]: g[metric],
      })),
    },
  };
}
