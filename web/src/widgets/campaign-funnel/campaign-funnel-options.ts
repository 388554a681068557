import type { EChartsOption } from 'echarts';
import type { CampaignSummary } from '../../api/types';
import { CURRENT, TEXT } from '../../charts/palette';
import type { Row } from '../../format/csv';
import { formatAxis, formatValue, type FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';

type Figures = Pick<
  CampaignSummary,
  | 'sent'
  | 'delivered'
  | 'opened'
  | 'clicked'
  | 'unsubscribed'
  | 'bounced'
  | 'sentEvents'
  | 'deliveredEvents'
  | 'openedEvents'
  | 'clickedEvents'
  | 'unsubscribedEvents'
  | 'bouncedEvents'
  | 'deliveryRate'
  | 'openRate'
  | 'clickRate'
  | 'unsubscribeRate'
>;

/** The stages in order; the first four are the funnel's bars, the last two only in the table. */
const STAGES = [
  { key: 'sent', label: 'Sent', rate: null },
  { key: 'delivered', label: 'Delivered', rate: 'deliveryRate' },
  { key: 'opened', label: 'Opened', rate: 'openRate' },
  { key: 'clicked', label: 'Clicked', rate: 'clickRate' },
  { key: 'unsubscribed', label: 'Unsubscribed', rate: 'unsubscribeRate' },
  { key: 'bounced', label: 'Bounced', rate: null },
] as const;
const BARS = 4;

/** A campaign's funnel: customers sent, delivered, opened and clicked as bars, top down. */
export function campaignFunnelOptions(figures: Figures, context: FormatContext): ChartView {
  const rows: Row[] = STAGES.map((stage) => ({
    stage: stage.label,
    customers: figures[stage.key],
    events: figures[`${stage.key}Events`],
    rate: stage.rate === null ? null : figures[stage.rate],
  }));
  const bars = rows.slice(0, BARS);
  const label = (row: Row | undefined) => {
    const count = formatValue(row?.customers ?? null, 'count', context);
    const rate =
      typeof row?.rate === 'number' ? ` (${formatValue(row.rate, 'percent', context)})` : '';
    return `${count}${rate}`;
  };
  const option: EChartsOption = {
    animation: false,
    grid: { left: 4, right: 96, top: 8, bottom: 4, outerBoundsMode: 'same' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => formatValue(typeof v === 'number' ? v : null, 'count', context),
    },
    yAxis: { type: 'category', inverse: true, data: bars.map((r) => String(r.stage)) },
    xAxis: {
      type: 'value',
      min: 0,
      minInterval: 1,
      axisLabel: { formatter: (v: number) => formatAxis(v, 'count', context) },
    },
    series: [
      {
        type: 'bar',
        name: 'Customers',
        color: CURRENT,
        barMaxWidth: 28,
        data: bars.map((r) => (typeof r.customers === 'number' ? r.customers : 0)),
        label: {
          show: true,
          position: 'right',
          color: TEXT,
          formatter: ({ dataIndex }) => label(bars[dataIndex]),
        },
      },
    ],
  };
  return {
    option,
    table: {
      columns: [
        { key: 'stage', label: 'Stage', format: 'text' },
        { key: 'customers', label: 'Customers', format: 'count' },
        { key: 'events', label: 'Events', format: 'count' },
        { key: 'rate', label: 'Rate', format: 'percent' },
      ],
      rows,
    },
  };
}
