import type { EChartsOption } from 'echarts';
import { PALETTE } from '../../charts/palette';
import type { Row } from '../../format/csv';
import { formatAxis, formatValue, type FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';

/** Customers who opened one campaign's emails under one audience. */
export interface OpenedGroup {
  campaign: string;
  audience: string;
  opened: number;
  openRate: number | null;
}

/** The email channel's name on the events: the chart counts emails only. */
export const EMAIL = 'email';

const unique = (values: readonly string[]) => [...new Set(values)];

/**
 * Emails opened by audience and campaign: one group of bars per campaign, one bar (and colour)
 * per audience, customers who opened as the height; the open rate in the tooltip and table.
 */
export function campaignOpenedOptions(
  groups: readonly OpenedGroup[],
  context: FormatContext,
): ChartView {
  const campaigns = unique(groups.map((g) => g.campaign));
  const audiences = unique(groups.map((g) => g.audience));
  const find = (campaign: string, audience: string) =>
    groups.find((g) => g.campaign === campaign && g.audience === audience);
  const option: EChartsOption = {
    animation: false,
    legend: { top: 0, left: 0 },
    grid: { left: 4, right: 16, top: 36, bottom: 4, outerBoundsMode: 'same' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const items = Array.isArray(params) ? params : [params];
        const campaign = campaigns[items[0]?.dataIndex ?? 0] ?? '';
        return [
          campaign,
          ...items.map((item) => {
            const group = find(campaign, item.seriesName ?? '');
            const rate = group?.openRate ?? null;
            return `${item.seriesName ?? ''}: ${formatValue(group?.opened ?? null, 'count', context)} (${formatValue(rate, 'percent', context)})`;
          }),
        ].join('<br>');
      },
    },
    xAxis: { type: 'category', data: campaigns },
    yAxis: {
      type: 'value',
      min: 0,
      minInterval: 1,
      axisLabel: { formatter: (v: number) => formatAxis(v, 'count', context) },
    },
    series: audiences.map((audience, i) => ({
      type: 'bar' as const,
      name: audience,
      color: PALETTE[i % PALETTE.length],
      barMaxWidth: 40,
      data: campaigns.map((campaign) => find(campaign, audience)?.opened ?? null),
    })),
  };
  const rows: Row[] = groups.map((g) => ({ ...g }));
  return {
    option,
    table: {
      columns: [
        { key: 'campaign', label: 'Campaign', format: 'text' },
        { key: 'audience', label: 'Audience', format: 'text' },
        { key: 'opened', label: 'Opened (customers)', format: 'count' },
        { key: 'openRate', label: 'Open rate', format: 'percent' },
      ],
      rows,
    },
  };
}
