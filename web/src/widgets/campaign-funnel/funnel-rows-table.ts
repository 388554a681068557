import type { CampaignFunnelRow } from '../../api/types';
import type { TableData } from '../../format/csv';

/** A campaign's funnel per audience × channel: counts, rates and attributed revenue, raw. */
export function funnelRowsTable(rows: readonly CampaignFunnelRow[]): TableData {
  return {
    columns: [
      { key: 'audience', label: 'Audience', format: 'text' },
      { key: 'channel', label: 'Channel', format: 'text' },
      { key: 'recipients', label: 'Recipients', format: 'count' },
      { key: 'sent', label: 'Sent', format: 'count' },
      { key: 'delivered', label: 'Delivered', format: 'count' },
      { key: 'opened', label: 'Opened', format: 'count' },
      { key: 'clicked', label: 'Clicked', format: 'count' },
      { key: 'unsubscribed', label: 'Unsubscribed', format: 'count' },
      { key: 'bounced', label: 'Bounced', format: 'count' },
      { key: 'openRate', label: 'Open rate', format: 'percent' },
      { key: 'clickRate', label: 'Click rate', format: 'percent' },
      { key: 'clickToOpenRate', label: 'Click-to-open rate', format: 'percent' },
      { key: 'attributedOrders', label: 'Attributed orders', format: 'count' },
      { key: 'attributedRevenue', label: 'Attributed revenue', format: 'money' },
    ],
    rows: rows.map((r) => ({
      audience: r.audience.name,
      channel: r.channel,
      recipients: r.recipients,
      sent: r.sent,
      delivered: r.delivered,
      opened: r.opened,
      clicked: r.clicked,
      unsubscribed: r.unsubscribed,
      bounced: r.bounced,
      openRate: r.openRate,
      clickRate: r.clickRate,
      clickToOpenRate: r.clickToOpenRate,
      attributedOrders: r.attributedOrders,
      attributedRevenue: r.attributedRevenue,
    })),
  };
}
