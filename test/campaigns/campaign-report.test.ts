import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignReport } from '../../src/campaigns/campaign-report.js';
import { listCampaigns } from '../../src/campaigns/list-campaigns.js';
import type { CampaignList } from '../../src/campaigns/campaign-types.js';
import { ClvError } from '../../src/shared/errors.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { campaignShop } from './campaign-shop.js';

// Every number below is worked out by hand from the shop described in campaign-shop.ts.
describe('the campaign analysis of a hand-made shop', () => {
  let t: TempProject & { warnings: string[] };
  let list: CampaignList;
  beforeAll(async () => {
    t = await campaignShop();
    list = await listCampaigns(t.warehouse, t.project.config);
  });
  afterAll(() => t.cleanup());

  const campaign = (id: string) => {
    const found = list.campaigns.find((c) => c.id === id);
    if (!found) throw new Error(`no ${id}`);
    return found;
  };

  it('lists the campaigns newest first with the windows and the as-of instant', () => {
    expect(list.campaigns.map((c) => [c.id, c.firstSendAt])).toEqual([
      ['flash', '2024-03-12T08:00:00Z'],
      ['spring', '2024-03-10T10:00:00Z'],
      ['winback-jan', '2024-01-10T00:00:00Z'],
    ]);
    expect(list.asOf).toBe('2024-04-08T00:00:00Z');
    expect(list.attribution).toEqual({ clickDays: 7, openDays: 3 });
    // u1's "complained" is no canonical action.
    expect(
      t.warnings.some(
        (w) => w.startsWith('1 campaign events have an action') && w.includes('"complained"'),
      ),
    ).toBe(true);
  });

  it('counts the funnel in customers and events, with its rates', () => {
    // spring: sent u1-u4 (4 events); delivered u1 u2 u4; opened u1 (twice) u2 u4: 3 customers,
    // 4 events; clicked u1 u4; unsubscribed u4; bounced u3. delivery 3/4, open 3/3, click 2/3,
    // click-to-open 2/3, unsubscribe 1/3.
    expect(campaign('spring')).toMatchObject({
      sent: 4,
      delivered: 3,
      opened: 3,
      clicked: 2,
      unsubscribed: 1,
      bounced: 1,
      sentEvents: 4,
      deliveredEvents: 3,
      openedEvents: 4,
      clickedEvents: 2,
      unsubscribedEvents: 1,
      bouncedEvents: 1,
      recipients: 4,
      deliveryRate: 0.75,
      openRate: 1,
      clickRate: 2 / 3,
      clickToOpenRate: 2 / 3,
      unsubscribeRate: 1 / 3,
      channels: ['email'],
      audiences: [{ key: 'aud_a', name: 'Spring buyers', known: true }],
    });
    // flash, both channels: u4 u5 sent (3 events: u5 by sms and email), delivered, clicked; nobody
    // opened, so click-to-open has no denominator.
    expect(campaign('flash')).toMatchObject({
      sent: 2,
      sentEvents: 3,
      delivered: 2,
      opened: 0,
      clicked: 2,
      recipients: 2,
      deliveryRate: 1,
      openRate: 0,
      clickRate: 1,
      clickToOpenRate: null,
      channels: ['email', 'sms'],
      audiences: [{ key: '', name: 'No audience', known: false }],
    });
    // winback-jan: nothing reports a delivery, so the rates over delivered fall back to sent.
    expect(campaign('winback-jan')).toMatchObject({
      sent: 3,
      delivered: 0,
      deliveryRate: 0,
      openRate: 0,
    });
  });

  it('attributes successful orders to the last touch within the windows', async () => {
    const rows = await t.query<{
      order_key: string;
      campaign_id: string;
      channel: string;
      touch: string;
    }>(
      `SELECT order_key, campaign_id, channel, touch FROM campaign_attributions ORDER BY order_key`,
    );
    expect(rows).toEqual([
      // 1 s before u1's click + 7 days; o1, at exactly click + 7 days, is not attributed.
      { order_key: 'o2', campaign_id: 'spring', channel: 'email', touch: 'click' },
      // 1 s before u2's open + 3 days; o4, at exactly open + 3 days, is not.
      { order_key: 'o3', campaign_id: 'spring', channel: 'email', touch: 'open' },
      // u4 is in two campaigns: spring's click (03-10) and flash's (03-13) both qualify, the
      // later wins.
      { order_key: 'o5', campaign_id: 'flash', channel: 'sms', touch: 'click' },
      // u4's spring open and click at the same instant: the click wins.
      { order_key: 'o8', campaign_id: 'spring', channel: 'email', touch: 'click' },
    ]);
    // o6 (u4) and o7 (u5) are canceled within a click window: nothing.
    // spring: o2 40 + o3 30 + o8 10 = 80 over 4 recipients; flash: o5 60 over 2.
    expect(campaign('spring')).toMatchObject({
      attributedOrders: 3,
      attributedRevenue: 80,
      revenuePerRecipient: 20,
    });
    expect(campaign('flash')).toMatchObject({
      attributedOrders: 1,
      attributedRevenue: 60,
      revenuePerRecipient: 30,
    });
    expect(campaign('winback-jan')).toMatchObject({ attributedOrders: 0, revenuePerRecipient: 0 });
  });

  it('marks responders: clicked, or an attributed order', async () => {
    const rows = await t.query<{ id: string; responder: boolean }>(
      `SELECT campaign_id || ':' || channel || ':' || customer_id AS id, responder
       FROM campaign_recipients ORDER BY id`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.responder]))).toEqual({
      'flash:sms:u4': true,
      // u5 clicked the sms, not the email, and has no attributed order (o7 is canceled).
      'flash:sms:u5': true,
      'flash:email:u5': false,
      // u2 only opened, but o3 is attributed to spring; u3 bounced.
      'spring:email:u1': true,
      'spring:email:u2': true,
      'spring:email:u3': false,
      'spring:email:u4': true,
      'winback-jan:email:w1': false,
      'winback-jan:email:w2': false,
      'winback-jan:email:w3': false,
    });
  });

  it('measures lift against the control group, and says why there is none', () => {
    // spring × aud_a, window [03-10 10:00, 03-17 10:00): treated u1 0 (o1, o2 fall after it),
    // u2 50 (o3 + o4), u3 15, u4 70 (o5 + o8; o6 canceled): 3 of 4 convert, 135. Control k1 25,
    // k2 0 (03-20 is after), k3 0: 1 of 3, 25.
    // Newcombe: 0.75 − 1/3 = 0.416667; Wilson 3/4 = [0.300642, 0.954413], 1/3 = [0.061492,
    // 0.792340]; low = 0.416667 − √(0.449358² + 0.459007²) = −0.225681,
    // high = 0.416667 + √(0.204413² + 0.271841²) = 0.756788.
    // Welch: means 33.75 and 8.3333, variances 1022.917 and 208.333: 25.4167, interval
    // −23.0315 to 73.8648 (scipy ttest_ind, equal_var=False).
    const [lift] = campaign('spring').lift;
    expect(lift).toMatchObject({
      activationId: 'act_a',
      sendAt: '2024-03-10T10:00:00Z',
      windowDays: 7,
      treated: {
        customers: 4,
        converters: 3,
        conversionRate: 0.75,
        revenue: 135,
        revenuePerCustomer: 33.75,
      },
      control: { customers: 3, converters: 1, revenue: 25 },
    });
    expect(lift?.conversion.value).toBeCloseTo(5 / 12, 10);
    expect(lift?.conversion.low).toBeCloseTo(-0.225681, 5);
    expect(lift?.conversion.high).toBeCloseTo(0.756788, 5);
    expect(lift?.conversion.significant).toBe(false);
    expect(lift?.revenuePerCustomer.value).toBeCloseTo(25.416667, 5);
    expect(lift?.revenuePerCustomer.low).toBeCloseTo(-23.031473, 5);
    expect(lift?.revenuePerCustomer.high).toBeCloseTo(73.864806, 5);
    // winback-jan: nobody converts in either group: 0 with Newcombe's −0.657620 to 0.561497;
    // revenue never varies, so Welch's interval is the point 0.
    const [flat] = campaign('winback-jan').lift;
    expect(flat?.conversion.low).toBeCloseTo(-0.65762, 5);
    expect(flat?.conversion.high).toBeCloseTo(0.561497, 5);
    expect(flat?.revenuePerCustomer).toMatchObject({
      value: 0,
      low: 0,
      high: 0,
      significant: false,
    });
    expect(campaign('flash').lift).toEqual([]);
    expect(campaign('flash').liftAbsent).toMatchObject([
      { audience: { key: '' }, reason: 'no-audience' },
    ]);
  });

  it('gives the winback shares against the control', () => {
    // Treated enter 01-10 (w1 orders 01-25, w2 03-01, w3 never); control enter 01-08 (k4 orders
    // 02-07 00:00, exactly 30 days later, which counts; k5 never). As of 04-08 the treated are
    // not yet 90 days in.
    const [report] = list.winback;
    expect(report?.audience).toEqual({ key: 'aud_w', name: 'Lapsed', known: true });
    expect(report?.reason).toBeNull();
    expect(report?.windows.map((w) => [w.days, w.treated, w.control])).toEqual([
      [
        30,
        { eligible: 3, reactivated: 1, share: 1 / 3 },
        { eligible: 2, reactivated: 1, share: 0.5 },
      ],
      [
        60,
        { eligible: 3, reactivated: 2, share: 2 / 3 },
        { eligible: 2, reactivated: 1, share: 0.5 },
      ],
      [
        90,
        { eligible: 0, reactivated: 0, share: null },
        { eligible: 2, reactivated: 1, share: 0.5 },
      ],
    ]);
    // Newcombe 1/3 − 1/2: −0.166667, −0.654829 to 0.445781; 2/3 − 1/2 the mirror image.
    expect(report?.windows[0]?.difference?.low).toBeCloseTo(-0.654829, 5);
    expect(report?.windows[0]?.difference?.high).toBeCloseTo(0.445781, 5);
    expect(report?.windows[1]?.difference?.value).toBeCloseTo(1 / 6, 10);
    expect(report?.windows[1]?.difference?.low).toBeCloseTo(-0.445781, 5);
    expect(report?.windows[2]?.difference).toBeNull();
  });

  it('reports one campaign per audience × channel and per day, and filters by first send', async () => {
    const report = await campaignReport(t.warehouse, t.project.config, 'spring');
    expect(report.funnel).toHaveLength(1);
    // 03-10: the sends, u1 and u4 opening and clicking, o8 (10); 03-11 u2's open; o3 on 03-14
    // (30) and o2 on 03-17 (40).
    expect(
      report.daily.map((d) => [
        d.day,
        d.sent,
        d.opened,
        d.clicked,
        d.attributedOrders,
        d.attributedRevenue,
      ]),
    ).toEqual([
      ['2024-03-10', 4, 2, 2, 1, 10],
      ['2024-03-11', 0, 1, 0, 0, 0],
      ['2024-03-14', 0, 0, 0, 1, 30],
      ['2024-03-17', 0, 0, 0, 1, 40],
    ]);
    const flash = await campaignReport(t.warehouse, t.project.config, 'flash');
    expect(flash.funnel.map((f) => [f.channel, f.sent, f.clicked, f.attributedRevenue])).toEqual([
      ['email', 1, 0, 0],
      ['sms', 2, 2, 60],
    ]);
    // The list carries each campaign's funnel, the same rows as its own report.
    const flashInList = list.campaigns.find((c) => c.id === 'flash');
    expect(flashInList?.funnel.map((f) => [f.channel, f.sent, f.clicked])).toEqual([
      ['email', 1, 0],
      ['sms', 2, 2],
    ]);
    expect(flashInList?.funnel).toEqual(flash.funnel);
    expect(list.campaigns.find((c) => c.id === 'spring')?.funnel).toEqual(report.funnel);
    const march = await listCampaigns(t.warehouse, t.project.config, {
      from: '2024-03-10',
      to: '2024-03-11',
    });
    expect(march.campaigns.map((c) => c.id)).toEqual(['spring']);
    await expect(campaignReport(t.warehouse, t.project.config, 'nope')).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      listCampaigns(t.warehouse, t.project.config, { from: '2024-13-01' }),
    ).rejects.toThrow(/`from`/);
    await expect(
      listCampaigns(t.warehouse, t.project.config, { from: '2024-03-02', to: '2024-03-01' }),
    ).rejects.toThrow(/`to`/);
  });
});

describe('before a refresh', () => {
  it('asks for one', async () => {
    const t = await tempProject();
    try {
      const error = await listCampaigns(t.warehouse, t.project.config).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClvError);
      expect((error as ClvError).message).toMatch(/run clv refresh first/);
      await expect(campaignReport(t.warehouse, t.project.config, 'x')).rejects.toThrow(
        /refresh first/,
      );
    } finally {
      await t.cleanup();
    }
  });
});
