import { describe, expect, it } from 'vitest';
import { REPORT } from '../campaign-table/campaign-fixture';
import { campaignDailyOptions } from './campaign-daily-options';

const context = { currency: 'EUR', locale: 'en-US' };

describe('attributed revenue by day', () => {
  it('sums each day over audiences and channels, in day order', () => {
    const view = campaignDailyOptions([...REPORT.daily].reverse(), context);
    expect(view.table.rows).toEqual([
      {
        day: '2026-03-05',
        sent: 1000,
        opened: 280,
        clicked: 65,
        attributedOrders: 12,
        attributedRevenue: 700,
      },
      {
        day: '2026-03-07',
        sent: 0,
        opened: 100,
        clicked: 30,
        attributedOrders: 28,
        attributedRevenue: 1800,
      },
    ]);
    const series = view.option.series as { name: string; data: number[] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['Attributed revenue', [700, 1800]],
      ['Attributed orders', [12, 28]],
    ]);
  });
});
