import type { EChartsOption } from 'echarts';
import type { ChannelsReport } from '../../api/types';
import { COMPARISON, CURRENT, MUTED } from '../../charts/palette';
import { basisLabel, glossaryClv } from './channel-clv-basis';
import type { FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';
import { channelBarBase } from './channel-axis';

/** The glossary's CLV (predicted, else rolling) and historic CLV beside CAC for each channel. */
export function channelClvCacOptions(report: ChannelsReport, context: FormatContext): ChartView {
  const clvName = `CLV (${basisLabel(report)})`;
  const option: EChartsOption = {
    ...channelBarBase(report, 'money', context),
    legend: { top: 0 },
    series: [
      {
        type: 'bar',
        name: clvName,
        data: report.channels.map(glossaryClv),
        itemStyle: { color: CURRENT },
      },
      {
        type: 'bar',
        name: 'CLV (historic)',
        data: report.channels.map((c) => c.clvHistoric),
        itemStyle: { color: MUTED },
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
        { key: 'clv', label: clvName, format: 'money' },
        { key: 'clvHistoric', label: 'CLV (historic)', format: 'money' },
        { key: 'cac', label: 'CAC', format: 'money' },
      ],
      rows: report.channels.map((c) => ({
        channel: c.channel,
        clv: glossaryClv(c),
        clvHistoric: c.clvHistoric,
        cac: c.cac,
      })),
    },
  };
}
