import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelsReport, monthsIn } from '../../../src/metrics/reports/channels.js';
import type { TempProject } from '../../helpers/temp-project.js';
import { purchase, reportStore } from './report-store.js';

// The period is Jan to Mar 2024: [2024-01-01, 2024-04-01), 3 months.
const CUSTOMERS = [
  'customer_id,acquisition_channel,country',
  'p1,paid,DE',
  'p2,paid,DE',
  'p3,paid,FR',
  's1,social,DE',
  's2,social,FR',
  'u1,,DE', // no channel: other
].join('\n');

// Spend for paid (Dec and Apr are outside the period) and tv (no customers); none for social.
const COSTS = [
  'month,channel,spend',
  '2023-12,paid,50',
  '2024-01,paid,100',
  '2024-02,paid,200',
  '2024-03,paid,300',
  '2024-04,paid,999',
  '2024-02,tv,500',
].join('\n');

const EVENTS = [
  // p1: first order in November (not new), 60 in the period; lifetime 100.
  purchase('p1', '2023-11-10T12:00:00Z', 40),
  purchase('p1', '2024-02-10T12:00:00Z', 60),
  // p2: new in January, 50 + 30 in the period; the April order is after the period.
  purchase('p2', '2024-01-15T12:00:00Z', 50),
  purchase('p2', '2024-03-20T12:00:00Z', 30),
  purchase('p2', '2024-04-05T12:00:00Z', 999),
  // s1 and s2: new; s2's canceled order does not count, its last-hour order does.
  purchase('s1', '2024-02-01T12:00:00Z', 90),
  purchase('s2', '2024-01-10T12:00:00Z', 500, 'X', 'canceled'),
  purchase('s2', '2024-03-31T23:00:00Z', 10),
  // u1: new, no channel. x1: not in the customers file, bought before the period only.
  purchase('u1', '2024-01-05T12:00:00Z', 20),
  purchase('x1', '2023-06-01T12:00:00Z', 200),
];

// No model is fitted on eight customers; the first order (x1, June 2023) is less than 365 days
// before every month of the window.
const noRatio = {
  clvRolling: null,
  clvPredicted: null,
  clvToCac: null,
  clvToCacBasis: 'rolling',
  clvHistoricToCac: null,
  insufficientHistory: true,
};

describe('channels', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await reportStore({ events: EVENTS, customers: CUSTOMERS, costs: COSTS });
  });
  afterAll(() => t.cleanup());

  it('puts spend, new buyers, CAC, CLV and payback side by side per channel', async () => {
    const report = await channelsReport(t.warehouse, t.project.config, {
      from: '2024-01-01',
      to: '2024-04-01',
    });
    expect(report.period).toEqual({ from: '2024-01-01', to: '2024-04-01' });
    expect(report.currency).toBe('EUR');
    expect(report.channels).toEqual([
      // u1 and x1. New: u1. Lifetime revenue before Apr 1: u1 20, x1 200 -> 110. No spend.
      {
        channel: 'other',
        customers: 2,
        newBuyers: 1,
        buyers: 1,
        revenue: 20,
        spend: 0,
        cac: null,
        clvHistoric: 110,
        ...noRatio,
        paybackMonths: null,
      },
      // p1, p2, p3. New: p2. Spend 100 + 200 + 300 = 600, CAC 600 / 1. Lifetime: p1 100,
      // p2 80 -> 90; 90 / 600 = 0.15. Monthly revenue per buyer 140 / 2 / 3 = 23.33…,
      // payback 600 / 23.33… = 3600 / 140 months.
      {
        channel: 'paid',
        customers: 3,
        newBuyers: 1,
        buyers: 2,
        revenue: 140,
        spend: 600,
        cac: 600,
        clvHistoric: 90,
        // With W = 365 days nobody churned in the window: no rolling CLV, so no CLV:CAC; the
        // historic ratio stands beside it, labelled.
        ...noRatio,
        clvHistoricToCac: 0.15,
        paybackMonths: expect.closeTo(3600 / 140, 9),
      },
      // s1, s2: both new, no cost row, so no CAC. Lifetime 90 and 10 -> 50.
      {
        channel: 'social',
        customers: 2,
        newBuyers: 2,
        buyers: 2,
        revenue: 100,
        spend: 0,
        cac: null,
        clvHistoric: 50,
        ...noRatio,
        paybackMonths: null,
      },
      // Spend and no customers: no new buyers, so no CAC.
      {
        channel: 'tv',
        customers: 0,
        newBuyers: 0,
        buyers: 0,
        revenue: 0,
        spend: 500,
        cac: null,
        clvHistoric: null,
        ...noRatio,
        insufficientHistory: false,
        paybackMonths: null,
      },
    ]);
  });

  it("divides the glossary's CLV (rolling without a model) by CAC, and flags short history", async () => {
    const short = await reportStore({
      events: EVENTS,
      customers: CUSTOMERS,
      costs: COSTS,
      config: { churnWindowDays: 31 },
    });
    try {
      const report = await channelsReport(short.warehouse, short.project.config, {
        from: '2024-01-01',
        to: '2024-04-01',
      });
      const pick = (channel: string) => {
        const c = report.channels.find((row) => row.channel === channel);
        return (
          c && [
            c.clvRolling,
            c.clvToCac,
            c.clvToCacBasis,
            c.clvHistoricToCac,
            c.insufficientHistory,
          ]
        );
      };
      // paid, W = 31 days, window Apr 2023 - Mar 2024: churn 1 in Dec (p1), Feb (p2), Mar (p1);
      // ARPU Nov 40, Jan 50, Feb 60, Mar 30 -> 45 / 1; CAC 600. Every month starts after
      // Jul 2 2023 (x1's first order + 31 days).
      expect(pick('paid')).toEqual([45, 45 / 600, 'rolling', 0.15, false]);
      // social: churn 1 in March (s1); ARPU Feb 90, Mar 10 -> 50; no CAC.
      expect(pick('social')).toEqual([50, null, 'rolling', null, false]);
      // other: churn 1 in July 2023 (x1), which starts before Jul 2, and in February (u1);
      // ARPU Jun 200, Jan 20 -> 110.
      expect(pick('other')).toEqual([110, null, 'rolling', null, true]);
    } finally {
      await short.cleanup();
    }
  });

  it('reads the channel from the configured attribute', async () => {
    const config = { ...t.project.config, acquisitionChannelAttribute: 'country' };
    const report = await channelsReport(t.warehouse, config, {
      from: '2024-01-01',
      to: '2024-04-01',
    });
    // DE: p1, p2, s1, u1; FR: p3, s2; other: x1; paid and tv only through their spend.
    expect(report.channels.map((c) => [c.channel, c.customers, c.newBuyers, c.spend])).toEqual([
      ['DE', 4, 3, 0],
      ['FR', 2, 1, 0],
      ['other', 1, 0, 0],
      ['paid', 0, 0, 600],
      ['tv', 0, 0, 500],
    ]);
  });

  it('counts a period in calendar months, or in mean months of 365.25 / 12 days', () => {
    expect(monthsIn({ from: '2024-01-01', to: '2024-04-01' })).toBe(3);
    expect(monthsIn({ from: '2024-01-15', to: '2024-02-14' })).toBeCloseTo(30 / 30.4375, 12);
  });
});
