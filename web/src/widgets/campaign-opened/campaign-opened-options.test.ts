import { describe, expect, it } from 'vitest';
import { REPORT } from '../campaign-table/campaign-fixture';
import { campaignOpenedOptions } from './campaign-opened-options';
import { openedGroups } from './opened-groups';

const context = { currency: 'EUR', locale: 'en-US' };

describe('emails opened by audience and campaign', () => {
  it('takes the email rows of a campaign, one per audience', () => {
    expect(openedGroups(REPORT.campaign.id, REPORT.funnel)).toEqual([
      { campaign: 'CMP-2026-03-EMAIL', audience: 'VIP', opened: 300, openRate: 0.4 },
      { campaign: 'CMP-2026-03-EMAIL', audience: 'No audience', opened: 80, openRate: 0.4 },
    ]);
  });

  it('groups bars by campaign, one series per audience, a gap where an audience got none', () => {
    const view = campaignOpenedOptions(
      [
        { campaign: 'A', audience: 'VIP', opened: 10, openRate: 0.5 },
        { campaign: 'A', audience: 'All', opened: 30, openRate: 0.3 },
        { campaign: 'B', audience: 'All', opened: 20, openRate: null },
      ],
      context,
    );
    expect((view.option.xAxis as { data: string[] }).data).toEqual(['A', 'B']);
    const series = view.option.series as { name: string; data: (number | null)[] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['VIP', [10, null]],
      ['All', [30, 20]],
    ]);
    expect(view.table.rows).toHaveLength(3);
    const tooltip = view.option.tooltip as {
      formatter(p: { dataIndex: number; seriesName: string }[]): string;
    };
    expect(tooltip.formatter([{ dataIndex: 1, seriesName: 'All' }])).toBe('B<br>All: 20 (—)');
  });
});
