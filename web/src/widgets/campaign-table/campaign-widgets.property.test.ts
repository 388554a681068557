import { describe, expect, it } from 'vitest';
import type { CampaignReport, Difference, Lift } from '../../api/types';
import { campaignDailyOptions } from '../campaign-daily/campaign-daily-options';
import { campaignFunnelOptions } from '../campaign-funnel/campaign-funnel-options';
import { funnelRowsTable } from '../campaign-funnel/funnel-rows-table';
import { campaignLiftOptions } from '../campaign-lift/campaign-lift-options';
import { campaignOpenedOptions } from '../campaign-opened/campaign-opened-options';
import { openedGroups } from '../campaign-opened/opened-groups';
import type { ChartView } from '../chart-card/ChartCard';
import { clvMovementOptions } from '../clv-movement/clv-movement-options';
import { winbackTable } from '../winback-table/winback-table';
import { CAMPAIGN, LIFT, LIST, REPORT } from './campaign-fixture';
import { campaignTable, liftTable } from './campaign-table';

const context = { currency: 'EUR', locale: 'en-US' };

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    count: () => [0, 1, 2, 7, 1_000_000][Math.floor(next() * 5)] ?? 0,
    rate: () => [null, 0, 1, 0.5, 1e-9][Math.floor(next() * 5)] ?? null,
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T,
  };
}

/** Every number in a value, however deep. */
function numbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbers);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbers);
  return [];
}

const drawn = (view: ChartView) => [view.option.series, view.table.rows];

// Odd answers: a campaign nobody opened, one customer, zero or constant revenue, empty days,
// rates without a denominator (null), lifts with a point interval. Every builder must finish,
// draw only finite numbers and write no NaN, Infinity or "undefined" in its words.
describe('the campaign widgets over odd answers (seeded)', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i', (seed) => {
    const g = generator(seed);
    const difference = (method: Difference['method']): Difference => {
      const value = g.pick([0, 0.1, -0.2]);
      return { value, low: value, high: value, method, significant: g.pick([true, false]) };
    };
    const lift: Lift = {
      ...LIFT,
      treated: { ...LIFT.treated, customers: g.count(), conversionRate: g.pick([0, 1]) },
      control: { ...LIFT.control, customers: g.count(), revenuePerCustomer: 0 },
      conversion: difference('newcombe'),
      revenuePerCustomer: difference('welch'),
    };
    const campaign = {
      ...CAMPAIGN,
      recipients: g.count(),
      opened: g.count(),
      openRate: g.rate(),
      clickRate: g.rate(),
      deliveryRate: g.rate(),
      unsubscribeRate: g.rate(),
      revenuePerRecipient: g.rate(),
      channels: g.pick([[], ['email'], ['sms', 'email']]),
      lift: g.pick([[], [lift]]),
      liftAbsent: g.pick([[], CAMPAIGN.liftAbsent]),
    };
    const report: CampaignReport = {
      ...REPORT,
      campaign,
      funnel: g.pick([[], REPORT.funnel.map((f) => ({ ...f, openRate: g.rate() }))]),
      daily: g.pick([[], REPORT.daily.slice(0, 1)]),
      clvMovement: g.pick([
        [],
        REPORT.clvMovement.map((m) => ({ ...m, clvBefore: null, pAliveNow: null })),
      ]),
    };
    const views = [
      campaignFunnelOptions(campaign, context),
      campaignOpenedOptions(openedGroups(campaign.id, report.funnel), context),
      campaignDailyOptions(report.daily, context),
      campaignLiftOptions(campaign.lift, 'conversion', context),
      campaignLiftOptions(campaign.lift, 'revenuePerCustomer', context),
      clvMovementOptions(report.clvMovement, context),
    ];
    const tables = [
      campaignTable([campaign], context),
      liftTable([campaign]),
      funnelRowsTable(report.funnel),
      winbackTable(LIST.winback, context),
    ];
    for (const value of numbers([...views.map(drawn), ...tables.map((t) => t.rows)])) {
      expect(Number.isFinite(value)).toBe(true);
    }
    const words = JSON.stringify(tables.map((t) => t.rows));
    expect(words).not.toMatch(/NaN|Infinity|undefined/);
    expect(campaignTable([campaign], context).rows[0]?.lift).not.toBe('');
  });
});
