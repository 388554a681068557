import type { EChartsOption } from 'echarts';
import type { DecilesReport } from '../../api/types';
import { CURRENT } from '../../charts/palette';
import { formatAxis, formatValue, type FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';
import { decileTable, decileValueLabel, decileValueNoun } from '../decile-table/decile-table';

/** The index of the hovered item, from a tooltip's params (one item or the axis's items). */
function hoveredIndex(params: unknown): number {
  const first: unknown = Array.isArray(params) ? params[0] : params;
  const index = (first as { dataIndex?: unknown } | undefined)?.dataIndex;
  return typeof index === 'number' ? index : -1;
}

/** Bars of each decile's share of the total (revenue or predicted CLV), decile 1 the highest. */
export function decileShareOptions(report: DecilesReport, context: FormatContext): ChartView {
  const { deciles } = report;
  const value = decileValueLabel(report.by);
  const noun = decileValueNoun(report.by);
  const option: EChartsOption = {
    animation: false,
    grid: { left: 56, right: 16, top: 24, bottom: 44 },
    xAxis: {
      type: 'category',
      data: deciles.map((d) => String(d.decile)),
      name: 'Decile (1 = highest)',
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => formatAxis(v, 'percent', context) },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const d = deciles[hoveredIndex(params)];
        if (!d) return '';
        return [
          `<strong>Decile ${d.decile}</strong>`,
          `Share of ${noun}: ${formatValue(d.share, 'percent', context)}`,
          `${value}: ${formatValue(d.revenue, 'money', context)}`,
          `Customers: ${formatValue(d.customers, 'count', context)}`,
        ].join('<br>');
      },
    },
    series: [
      {
        type: 'bar',
        name: `Share of ${noun}`,
        data: deciles.map((d) => d.share),
        itemStyle: { color: CURRENT },
        label: {
          show: true,
          position: 'top',
          fontSize: 11,
          formatter: ({ value: v }) =>
            formatValue(typeof v === 'number' ? v : null, 'percent', context),
        },
      },
    ],
  };
  return { option, table: decileTable(report) };
}
