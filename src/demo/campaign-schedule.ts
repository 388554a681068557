import { DAY, HOUR, demoMonths } from './calendar.js';
import { DEMO_AUDIENCE_IDS } from './demo-audiences.js';
import type { EventPayload } from './event-sink.js';

export type CampaignKind = 'EMAIL' | 'SMS' | 'VIP' | 'WINBACK';
export type CampaignAction =
  'sent' | 'delivered' | 'bounced' | 'opened' | 'clicked' | 'unsubscribed';

export interface CampaignStyle {
  channel: 'email' | 'sms';
  audienceId: string;
  /**
   * Share of the eligible audience a send reaches: the shop rotates recipients to stay small,
   * and the demo's campaign events with it (about 5 M of its 10 M events at 1 M customers).
   */
  reach: number;
  /** Of those sent: the provider reports a delivery or a bounce; the rest report nothing. */
  deliverRate: number;
  bounceRate: number;
  /** Of those delivered; 0 for SMS, whose opens cannot be tracked. */
  openRate: number;
  /** Of those who opened (email) or received (SMS). */
  clickRate: number;
  /** Of those delivered, who come back to buy within weeks without clicking (winback only). */
  comeBack: number;
}

const email = { channel: 'email', deliverRate: 0.97, bounceRate: 0.025, comeBack: 0 } as const;

const styles: Record<CampaignKind, CampaignStyle> = {
  EMAIL: {
    ...email,
    audienceId: DEMO_AUDIENCE_IDS.newsletter,
    reach: 0.25,
    openRate: 0.4,
    clickRate: 0.3,
  },
  SMS: {
    channel: 'sms',
    audienceId: DEMO_AUDIENCE_IDS.sms,
    reach: 0.5,
    deliverRate: 0.98,
    bounceRate: 0.015,
    openRate: 0,
    clickRate: 0.2,
    comeBack: 0,
  },
  VIP: { ...email, audienceId: DEMO_AUDIENCE_IDS.vip, reach: 0.5, openRate: 0.5, clickRate: 0.3 },
  // Lapsed buyers open less, but a reminder brings some back days or weeks later.
  WINBACK: {
    ...email,
    audienceId: DEMO_AUDIENCE_IDS.winback,
    reach: 1,
    openRate: 0.3,
    clickRate: 0.25,
    comeBack: 0.05,
  },
};

/** One send of a campaign to its audience, with its own (historic) activation. */
export interface DemoSend extends CampaignStyle {
  /** Position in `demoSends`, which is time order. */
  index: number;
  kind: CampaignKind;
  campaignId: string;
  /** The batch starts here; each message leaves within 30 minutes. */
  at: number;
  /** The activation's creation, and its control group's: an hour before the batch. */
  activationAt: number;
  /** The activation is stopped once the campaign's week is over, so nothing ever syncs it. */
  stoppedAt: number;
  payloads: Record<CampaignAction, EventPayload>;
}

/** The share of each send's eligible customers held out as its control group. */
export const HOLDOUT_SHARE = 0.1;
const ACTIVATION_LEAD = HOUR;
const ACTIVATION_DAYS = 7;

const actions: readonly CampaignAction[] = [
  'sent',
  'delivered',
  'bounced',
  'opened',
  'clicked',
  'unsubscribed',
];

function send(monthKey: string, kind: CampaignKind, at: number): Omit<DemoSend, 'index'> {
  const style = styles[kind];
  const campaignId = `CMP-${monthKey}-${kind}`;
  const payloads = Object.fromEntries(
    actions.map((action) => [
      action,
      { campaign_id: campaignId, channel: style.channel, action, audience_id: style.audienceId },
    ]),
  ) as Record<CampaignAction, EventPayload>;
  return {
    ...style,
    kind,
    campaignId,
    at,
    activationAt: at - ACTIVATION_LEAD,
    stoppedAt: at + ACTIVATION_DAYS * DAY,
    payloads,
  };
}

function firstWeekday(year: number, month: number, weekday: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7);
}

/**
 * The shop starts its campaigns in August 2025, its 22nd month: 15 months of newsletters, SMS
 * and winback reminders and 5 VIP previews make the 50 campaigns the performance budget is set
 * for (DECISIONS.md), and the demo's events stay near its 10 M at 1 M customers.
 */
const FIRST_CAMPAIGN_MONTH = 21;

/**
 * A fixed schedule, in time order: the newsletter on the first Thursday, VIP previews on the
 * 15th quarterly, SMS on the 20th, winback on the 26th. No two sends to one audience share a
 * month, so each send's activation is its audience's latest one at the send.
 */
export const demoSends: readonly DemoSend[] = demoMonths
  .slice(FIRST_CAMPAIGN_MONTH)
  .flatMap((month) => {
    const date = new Date(month.start);
    const [year, m] = [date.getUTCFullYear(), date.getUTCMonth()];
    const sends = [
      send(month.key, 'EMAIL', Date.UTC(year, m, firstWeekday(year, m, 4), 8)),
      send(month.key, 'SMS', Date.UTC(year, m, 20, 17)),
      send(month.key, 'WINBACK', Date.UTC(year, m, 26, 10)),
    ];
    if ([2, 5, 8, 10].includes(m)) sends.push(send(month.key, 'VIP', Date.UTC(year, m, 15, 10)));
    return sends;
  })
  .sort((a, b) => a.at - b.at)
  .map((draft, index) => ({ ...draft, index }));
