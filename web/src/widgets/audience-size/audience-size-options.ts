import type { EChartsOption } from 'echarts';
import type { AudienceHistory } from '../../api/audience-types';
import { PALETTE } from '../../charts/palette';
import { formatAxis, formatValue, type FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';

/** An audience's members per day as a line, with the day's entries and exits as bars. */
export function audienceSizeOptions(history: AudienceHistory, context: FormatContext): ChartView {
  const days = history.days.map((d) => d.day);
  const count = (v: unknown) => formatValue(typeof v === 'number' ? v : null, 'count', context);
  const option: EChartsOption = {
    animation: false,
    grid: { left: 56, right: 16, top: 40, bottom: 32 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: count },
    xAxis: { type: 'category', data: days },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { formatter: (v: number) => formatAxis(v, 'count', context) },
    },
    series: [
      {
        type: 'line',
        name: 'Members',
        data: history.days.map((d) => d.members),
        symbol: history.days.length > 1 ? 'none' : 'circle',
        lineStyle: { width: 2, color: PALETTE[0] },
        itemStyle: { color: PALETTE[0] },
      },
      {
        type: 'bar',
        name: 'Entered',
        data: history.days.map((d) => d.entered),
        itemStyle: { color: PALETTE[2] },
      },
      {
        type: 'bar',
        name: 'Exited',
        data: history.days.map((d) => d.exited),
        itemStyle: { color: PALETTE[5] },
      },
    ],
  };
  return {
    option,
    table: {
      columns: [
        { key: 'day', label: 'Day', format: 'text' },
        { key: 'members', label: 'Members', format: 'count' },
        { key: 'entered', label: 'Entered', format: 'count' },
        { key: 'exited', label: 'Exited', format: 'count' },
      ],
      rows: history.days.map((d) => ({ ...d })),
    },
  };
}
