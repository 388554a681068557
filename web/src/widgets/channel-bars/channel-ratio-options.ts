import type { EChartsOption } from 'echarts';
import type { ChannelsReport } from '../../api/types';
import { BAD, CURRENT } from '../../charts/palette';
import { formatValue, type FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';
import { channelBarBase } from './channel-axis';

/** The CLV:CAC a channel should reach to pay for its acquisition with margin (a rule of thumb). */
export const TARGET_RATIO = 3;

/** CLV:CAC per channel, against the 3× rule of thumb. */
export function channelRatioOptions(report: ChannelsReport, context: FormatContext): ChartView {
  const base = channelBarBase(report, 'ratio', context);
  const highest = Math.max(0, ...report.channels.map((c) => c.clvToCac ?? 0));
  const option: EChartsOption = {
    ...base,
    // The target line stays in view even when every channel is below it.
    yAxis: { ...base.yAxis, max: highest < TARGET_RATIO ? TARGET_RATIO + 1 : undefined },
    series: [
      {
        type: 'bar',
        name: 'CLV:CAC',
        data: report.channels.map((c) => c.clvToCac),
        itemStyle: { color: CURRENT },
        label: {
          show: true,
          position: 'top',
          fontSize: 11,
          formatter: ({ value }) =>
            formatValue(typeof value === 'number' ? value : null, 'ratio', context),
        },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: BAD, type: 'dashed', width: 1.5 },
          label: {
            formatter: `${TARGET_RATIO}×\ntarget`,
            position: 'end',
            color: BAD,
            lineHeight: 14,
          },
          data: [{ yAxis: TARGET_RATIO }],
        },
      },
    ],
  };
  return {
    option,
    table: {
      columns: [
        { key: 'channel', label: 'Channel', format: 'text' },
        { key: 'clvToCac', label: 'CLV:CAC', format: 'ratio' },
      ],
      rows: report.channels.map((c) => ({ channel: c.channel, clvToCac: c.clvToCac })),
    },
  };
}
