import type { EChartsOption } from 'echarts';
import type { CohortsReport } from '../../api/types';
import { SEQUENTIAL, TEXT } from '../../charts/palette';
import { formatAxis, formatValue, type FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';
import { cohortLabel, cohortTable, offsetCount } from './cohort-columns';

/** Every cell as [month offset, cohort index, retention]; cohorts in the report's order. */
export function retentionCells(report: CohortsReport): [number, number, number][] {
  return report.cohorts.flatMap((cohort, y) =>
    cohort.retention.map((value, x): [number, number, number] => [x, y, value]),
  );
}

/**
 * The top of the colour scale: the highest retention after month 0. Month 0 is 100 % by
 * definition and would otherwise wash every later month out to the palest colour.
 */
export function colourMax(report: CohortsReport): number {
  const later = report.cohorts.flatMap((c) => c.retention.slice(1));
  const max = Math.max(0, ...later);
  return max > 0 ? max : 1;
}

/** Retention by acquisition month (rows, oldest at the top) and month offset (columns). */
export function cohortHeatmapOptions(report: CohortsReport, context: FormatContext): ChartView {
  const offsets = offsetCount(report);
  const labels = report.cohorts.map((c) => cohortLabel(c, context.locale));
  const percent = (v: number) => formatValue(v, 'percent', context);
  // Labels inside the cells only fit while the columns are wide enough to hold them.
  const cellLabels = offsets <= 18;
  const option: EChartsOption = {
    animation: false,
    grid: { left: 112, right: 72, top: 8, bottom: 44 },
    xAxis: {
      type: 'category',
      data: Array.from({ length: offsets }, (_, k) => String(k)),
      name: 'Months since first order',
      nameLocation: 'middle',
      nameGap: 26,
      splitArea: { show: false },
    },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize: 11 } },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: colourMax(report),
      calculable: true,
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemHeight: 200,
      inRange: { color: [...SEQUENTIAL] },
      formatter: (v) => formatAxis(Number(v), 'percent', context),
      textStyle: { color: TEXT },
    },
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const data = (params as { data?: unknown }).data;
        if (!Array.isArray(data)) return '';
        const [x, y, value] = data as [number, number, number];
        return `${labels[y] ?? ''}<br>Month ${x}: <strong>${percent(value)}</strong> bought`;
      },
    },
    series: [
      {
        type: 'heatmap',
        name: 'Retention',
        data: retentionCells(report),
        label: {
          show: cellLabels,
          fontSize: 10,
          formatter: ({ data }) =>
            Array.isArray(data) ? formatAxis(Number(data[2]), 'percent', context) : '',
        },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: TEXT, borderWidth: 1 } },
      },
    ],
  };
  return { option, table: cohortTable(report, (c) => c.retention, 'percent') };
}
