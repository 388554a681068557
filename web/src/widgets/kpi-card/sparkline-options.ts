import type { EChartsOption } from 'echarts';
import type { SeriesPoint } from '../../api/types';
import { COMPARISON, CURRENT } from '../../charts/palette';

/**
 * A KPI's monthly values as a small line without axes, the same months a year earlier dashed
 * beneath. Months without a value leave a gap rather than falling to zero; so do months on too
 * little history (their churn is biased), which would otherwise set the scale.
 */
export function sparklineOption(series: readonly SeriesPoint[]): EChartsOption {
  return {
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 2 },
    xAxis: { type: 'category', show: false, data: series.map((p) => p.month), boundaryGap: false },
    yAxis: { type: 'value', show: false, scale: true },
    tooltip: { show: false },
    series: [
      {
        type: 'line',
        name: 'A year earlier',
        data: series.map((p) => (p.insufficientHistory.yearEarlier ? null : p.yearEarlier)),
        symbol: 'none',
        lineStyle: { width: 1, type: 'dashed', color: COMPARISON },
        silent: true,
      },
      {
        type: 'line',
        name: 'This period',
        data: series.map((p) => (p.insufficientHistory.value ? null : p.value)),
        symbol: 'none',
        lineStyle: { width: 2, color: CURRENT },
        areaStyle: { color: CURRENT, opacity: 0.08 },
        silent: true,
      },
    ],
  };
}
