import type { EChartsOption } from 'echarts';
import type { CampaignDay } from '../../api/types';
import { CURRENT, PALETTE } from '../../charts/palette';
import type { Row } from '../../format/csv';
import { formatAxis, formatValue, type FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';

const SUMMED = ['sent', 'opened', 'clicked', 'attributedOrders', 'attributedRevenue'] as const;

/** The campaign's days, summed over its audiences and channels, in day order. */
export function campaignDays(daily: readonly CampaignDay[]): Row[] {
  const days = new Map<string, Record<(typeof SUMMED)[number], number>>();
  for (const d of daily) {
    const day = days.get(d.day) ?? {
      sent: 0,
      opened: 0,
      clicked: 0,
      attributedOrders: 0,
      attributedRevenue: 0,
    };
    for (const key of SUMMED) day[key] += d[key];
    days.set(d.day, day);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, sums]) => ({ day, ...sums }));
}

/** Attributed revenue by day (bars) with the attributed orders (line, right axis). */
export function campaignDailyOptions(
  daily: readonly CampaignDay[],
  context: FormatContext,
): ChartView {
  const rows = campaignDays(daily);
  const value = (row: Row, key: string) => (typeof row[key] === 'number' ? row[key] : 0);
  const option: EChartsOption = {
    animation: false,
    legend: { top: 0, left: 0 },
    grid: { left: 4, right: 4, top: 36, bottom: 4, outerBoundsMode: 'same' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => formatValue(typeof v === 'number' ? v : null, 'decimal', context),
    },
    xAxis: { type: 'category', data: rows.map((r) => String(r.day)) },
    yAxis: [
      {
        type: 'value',
        min: 0,
        axisLabel: { formatter: (v: number) => formatAxis(v, 'money', context) },
      },
      {
        type: 'value',
        min: 0,
        minInterval: 1,
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => formatAxis(v, 'count', context) },
      },
    ],
    series: [
      {
        type: 'bar',
        name: 'Attributed revenue',
        color: CURRENT,
        barMaxWidth: 24,
        data: rows.map((r) => value(r, 'attributedRevenue')),
        tooltip: { valueFormatter: (v) => formatValue(Number(v), 'money', context) },
      },
      {
        type: 'line',
        name: 'Attributed orders',
        yAxisIndex: 1,
        color: PALETTE[5],
        symbol: rows.length > 1 ? 'none' : 'circle',
        data: rows.map((r) => value(r, 'attributedOrders')),
        tooltip: { valueFormatter: (v) => formatValue(Number(v), 'count', context) },
      },
    ],
  };
  return {
    option,
    table: {
      columns: [
        { key: 'day', label: 'Day', format: 'text' },
        { key: 'sent', label: 'Sent', format: 'count' },
        { key: 'opened', label: 'Opened', format: 'count' },
        { key: 'clicked', label: 'Clicked', format: 'count' },
        { key: 'attributedOrders', label: 'Attributed orders', format: 'count' },
        { key: 'attributedRevenue', label: 'Attributed revenue', format: 'money' },
      ],
      rows,
    },
  };
}
