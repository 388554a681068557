import type { EChartsOption } from 'echarts';
import type { ChannelsReport } from '../../api/types';
import { PALETTE } from '../../charts/palette';
import { formatValue, type FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';
import { channelBarBase } from './channel-axis';

/** The months a channel's buyers take to pay back its CAC. */
export function channelPaybackOptions(report: ChannelsReport, context: FormatContext): ChartView {
  const option: EChartsOption = {
    ...channelBarBase(report, 'months', context),
    series: [
      {
        type: 'bar',
        name: 'Payback',
        data: report.channels.map((c) => c.paybackMonths),
        itemStyle: { color: PALETTE[2] },
        label: {
          show: true,
          position: 'top',
          fontSize: 11,
          formatter: ({ value }) =>
            formatValue(typeof value === 'number' ? value : null, 'months', context),
        },
      },
    ],
  };
  return {
    option,
    table: {
      columns: [
        { key: 'channel', label: 'Channel', format: 'text' },
        { key: 'paybackMonths', label: 'Payback (months)', format: 'months' },
      ],
      rows: report.channels.map((c) => ({ channel: c.channel, paybackMonths: c.paybackMonths })),
    },
  };
}
