import type { EChartsOption } from 'echarts';
import type { ChannelsReport } from '../../api/types';
import { BAD, CURRENT, MUTED } from '../../charts/palette';
import { basisLabel } from './channel-clv-basis';
import { formatValue, type FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';
import { channelBarBase } from './channel-axis';

/** The CLV:CAC a channel should reach to pay for its acquisition with margin (a rule of thumb). */
export const TARGET_RATIO = 3;

/**
 * The glossary's CLV:CAC per channel (predicted CLV when fitted, else rolling) against the 3×
 * rule of thumb, with the historic CLV:CAC beside it, labelled. A ratio resting on too little
 * history is drawn grey and left out of the axis scale.
 */
export function channelRatioOptions(report: ChannelsReport, context: FormatContext): ChartView {
  const base = channelBarBase(report, 'ratio', context);
  const name = `CLV:CAC (${basisLabel(report)} CLV)`;
  const highest = Math.max(
    0,
    ...report.channels.map((c) => (c.insufficientHistory ? 0 : (c.clvToCac ?? 0))),
    ...report.channels.map((c) => c.clvHistoricToCac ?? 0),
  );
  const label = {
    show: true,
    position: 'top',
    fontSize: 11,
    formatter: ({ value }: { value?: unknown }) =>
      formatValue(typeof value === 'number' ? value : null, 'ratio', context),
  } as const;
  const option: EChartsOption = {
    ...base,
    // The target line stays in view even when every channel is below it.
    yAxis: {
      ...base.yAxis,
      max: highest < TARGET_RATIO ? TARGET_RATIO + 1 : Math.ceil(highest * 1.1),
    },
    legend: { top: 0 },
    series: [
      {
        type: 'bar',
        name,
        data: report.channels.map((c) =>
          c.insufficientHistory && c.clvToCac !== null
            ? { value: c.clvToCac, itemStyle: { color: MUTED, opacity: 0.45 } }
            : c.clvToCac,
        ),
        itemStyle: { color: CURRENT },
        label,
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
      {
        type: 'bar',
        name: 'Historic CLV:CAC',
        data: report.channels.map((c) => c.clvHistoricToCac),
        itemStyle: { color: MUTED },
        label,
      },
    ],
  };
  return {
    option,
    table: {
      columns: [
        { key: 'channel', label: 'Channel', format: 'text' },
        { key: 'clvToCac', label: name, format: 'ratio' },
        { key: 'clvHistoricToCac', label: 'Historic CLV:CAC', format: 'ratio' },
        { key: 'shortHistory', label: 'Too little history', format: 'text' },
      ],
      rows: report.channels.map((c) => ({
        channel: c.channel,
        clvToCac: c.clvToCac,
        clvHistoricToCac: c.clvHistoricToCac,
        shortHistory: c.insufficientHistory ? 'yes' : null,
      })),
    },
  };
}
