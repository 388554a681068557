import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { CohortsReport } from '../../api/types';
import { PALETTE } from '../../charts/palette';
import { formatAxis, formatMonth, formatValue, type FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';
import { cohortTable, offsetCount } from '../cohort-heatmap/cohort-columns';

// Yellow is too faint for a thin line on white; more lines than colours change the dash.
const COLOURS = PALETTE.filter((colour) => colour !== '#F0E442');
const DASHES = ['solid', 'dashed', 'dotted'] as const;

/** The look of the i-th line: a colour, then the same colours dashed, then dotted. */
export function lineLook(i: number): { color: string; type: (typeof DASHES)[number] } {
  return {
    color: COLOURS[i % COLOURS.length] ?? PALETTE[0],
    type: DASHES[Math.floor(i / COLOURS.length) % DASHES.length] ?? 'solid',
  };
}

/**
 * Cumulative revenue per customer by month offset, one line per chosen cohort; the table has
 * every cohort.
 */
export function cohortLtvOptions(
  report: CohortsReport,
  shown: readonly string[],
  context: FormatContext,
): ChartView {
  const chosen = report.cohorts.filter((c) => shown.includes(c.cohort));
  const series: LineSeriesOption[] = chosen.map((cohort, i) => {
    const look = lineLook(i);
    return {
      type: 'line',
      name: formatMonth(cohort.cohort, context.locale),
      data: [...cohort.cumulativeRevenuePerCustomer],
      symbol: 'none',
      lineStyle: { width: 2, color: look.color, type: look.type },
      itemStyle: { color: look.color },
    };
  });
  const option: EChartsOption = {
    animation: false,
    grid: { left: 64, right: 16, top: 56, bottom: 44 },
    legend: { type: 'scroll', top: 0, itemWidth: 22 },
    xAxis: {
      type: 'category',
      // As long as the longest line drawn, so the latest cohorts alone fill the width.
      data: Array.from({ length: offsetCount({ ...report, cohorts: chosen }) }, (_, k) =>
        String(k),
      ),
      boundaryGap: false,
      name: 'Months since first order',
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => formatAxis(v, 'money', context) },
    },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => formatValue(typeof v === 'number' ? v : null, 'money', context),
    },
    series,
  };
  return {
    option,
    table: cohortTable(report, (c) => c.cumulativeRevenuePerCustomer, 'money'),
  };
}
