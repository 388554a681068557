import type { EChartsOption } from 'echarts';
import type { ChannelsReport } from '../../api/types';
import { COMPARISON, CURRENT } from '../../charts/palette';
import type { FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';
import { channelBarBase } from './channel-axis';

/** Historic CLV beside CAC for each acquisition channel. */
export function channelClvCacOptions(report: ChannelsReport, context: FormatContext): ChartView {
  const option: EChartsOption = {
    ...channelBarBase(report, 'money', context),
    legend: { top: 0 },
    series: [
      {
        type: 'bar',
        name: 'CLV (historic)',
        data: report.channels.map((c) => c.clvHistoric),
        itemStyle: { color: CURRENT },
      },
      {
        type: 'bar',
        name: 'CAC',
        data: report.channels.map((c) => c.cac),
        itemStyle: { color: COMPARISON },
      },
    ],
  };
  return {
    option,
    table: {
      columns: [
        { key: 'channel', label: 'Channel', format: 'text' },
        { key: 'clvHistoric', label: 'CLV (historic)', format: 'money' },
        { key: 'cac', label: 'CAC', format: 'money' },
      ],
      rows: report.channels.map((c) => ({
        channel: c.channel,
        clvHistoric: c.clvHistoric,
        cac: c.cac,
      })),
    },
  };
}
