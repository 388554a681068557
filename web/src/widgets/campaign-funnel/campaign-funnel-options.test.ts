import { describe, expect, it } from 'vitest';
import { CAMPAIGN, REPORT } from '../campaign-table/campaign-fixture';
import { campaignFunnelOptions } from './campaign-funnel-options';
import { funnelRowsTable } from './funnel-rows-table';

const context = { currency: 'EUR', locale: 'en-US' };

describe('the campaign funnel', () => {
  it('draws sent, delivered, opened and clicked top down, with every stage in the table', () => {
    const view = campaignFunnelOptions(CAMPAIGN, context);
    const [series] = view.option.series as { data: number[] }[];
    expect(series?.data).toEqual([1000, 950, 380, 95]);
    expect((view.option.yAxis as { data: string[] }).data).toEqual([
      'Sent',
      'Delivered',
      'Opened',
      'Clicked',
    ]);
    expect(view.table.rows.map((r) => [r.stage, r.customers, r.events, r.rate])).toEqual([
      ['Sent', 1000, 1000, null],
      ['Delivered', 950, 950, 0.95],
      ['Opened', 380, 500, 0.4],
      ['Clicked', 95, 120, 0.1],
      ['Unsubscribed', 4, 4, 4 / 950],
      ['Bounced', 50, 50, null],
    ]);
  });

  it('labels each bar with its count and rate', () => {
    const view = campaignFunnelOptions(CAMPAIGN, context);
    const [series] = view.option.series as {
      label: { formatter(p: { dataIndex: number }): string };
    }[];
    expect(series?.label.formatter({ dataIndex: 0 })).toBe('1,000');
    expect(series?.label.formatter({ dataIndex: 2 })).toBe('380 (40.0%)');
  });

  it('lists the funnel per audience and channel', () => {
    const table = funnelRowsTable(REPORT.funnel);
    expect(table.rows.map((r) => [r.audience, r.channel, r.opened])).toEqual([
      ['VIP', 'email', 300],
      ['No audience', 'email', 80],
      ['VIP', 'sms', 0],
    ]);
  });
});
