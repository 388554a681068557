import type { EChartsOption } from 'echarts';
import type { ChannelsReport } from '../../api/types';
import { formatAxis, formatValue, type FormatContext, type ValueFormat } from '../../format/format';

/** A channel's name for reading: the attribute's value with spaces for underscores. */
export function channelName(channel: string): string {
  return channel.replace(/_/g, ' ');
}

/** The axis label of a channel, noting when it has no CAC. */
export function channelLabel(channel: string, withoutCac: ReadonlySet<string>): string {
  return withoutCac.has(channel) ? `${channelName(channel)}\n(no CAC)` : channelName(channel);
}

/**
 * What every channel bar chart shares: the channels along x, the value axis and the tooltip in
 * one format. A null (no costs, so no CAC) draws no bar and reads as a dash, never as zero; the
 * channel's label says why its bar is missing.
 */
export function channelBarBase(
  report: ChannelsReport,
  format: ValueFormat,
  context: FormatContext,
): Pick<EChartsOption, 'animation' | 'grid' | 'xAxis' | 'yAxis' | 'tooltip'> {
  const withoutCac = new Set(report.channels.filter((c) => c.cac === null).map((c) => c.channel));
  return {
    animation: false,
    grid: { left: 64, right: 64, top: 36, bottom: 40 },
    xAxis: {
      type: 'category',
      data: report.channels.map((c) => c.channel),
      axisLabel: {
        formatter: (channel: string) => channelLabel(channel, withoutCac),
        interval: 0,
        lineHeight: 14,
      },
    },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => formatAxis(v, format, context) },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => formatValue(typeof v === 'number' ? v : null, format, context),
    },
  };
}

type Figure = 'clvHistoric' | 'cac' | 'clvToCac' | 'paybackMonths';

/** Whether no channel has any of the figures, so a chart of them would have no bar at all. */
export function noBars(report: ChannelsReport, ...figures: Figure[]): boolean {
  return report.channels.every((c) => figures.every((figure) => c[figure] === null));
}
