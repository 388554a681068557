import {
  DAY,
  DEMO_END,
  HOUR,
  MINUTE,
  SECOND,
  atShopHours,
  demoMonths,
  toSecond,
} from './calendar.js';
import { isSubscribed } from './consent.js';
import type { ConsentHistory } from './consent.js';
import type { CustomerProfile } from './customers.js';
import type { EventPayload, EventSink } from './event-sink.js';
import type { DemoOrder } from './orders.js';
import type { Random } from '../shared/random.js';

type CampaignAction = 'sent' | 'opened' | 'clicked';
type CampaignKind = 'EMAIL' | 'SMS' | 'VIP';

interface CampaignStyle {
  channel: 'email' | 'sms';
  audience: string;
  /** Share of the eligible audience a send reaches: the shop rotates recipients to stay small. */
  reach: number;
  /** 0 for SMS, whose opens cannot be tracked. */
  openRate: number;
  /** Of those who opened (email) or received (SMS). */
  clickRate: number;
}

const styles: Record<CampaignKind, CampaignStyle> = {
  EMAIL: {
    channel: 'email',
    audience: 'AUD-NEWSLETTER',
    reach: 0.45,
    openRate: 0.32,
    clickRate: 0.18,
  },
  SMS: { channel: 'sms', audience: 'AUD-SMS', reach: 0.4, openRate: 0, clickRate: 0.07 },
  VIP: { channel: 'email', audience: 'AUD-VIP', reach: 1, openRate: 0.5, clickRate: 0.25 },
};

interface CampaignSend extends CampaignStyle {
  kind: CampaignKind;
  at: number;
  payloads: Record<CampaignAction, EventPayload>;
}

const VIP_MIN_ORDERS = 3;

function campaign(monthKey: string, kind: CampaignKind, at: number): CampaignSend {
  const style = styles[kind];
  const payload = (action: CampaignAction): EventPayload => ({
    campaign_id: `CMP-${monthKey}-${kind}`,
    channel: style.channel,
    action,
    audience_id: style.audience,
  });
  const payloads = {
    sent: payload('sent'),
    opened: payload('opened'),
    clicked: payload('clicked'),
  };
  return { ...style, kind, at, payloads };
}

function firstWeekday(year: number, month: number, weekday: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7);
}

// A fixed schedule: newsletter on the first Thursday, SMS on the 20th, VIP previews quarterly.
const schedule: readonly CampaignSend[] = demoMonths.flatMap((month) => {
  const date = new Date(month.start);
  const [year, m] = [date.getUTCFullYear(), date.getUTCMonth()];
  const sends = [
    campaign(month.key, 'EMAIL', Date.UTC(year, m, firstWeekday(year, m, 4), 8)),
    campaign(month.key, 'SMS', Date.UTC(year, m, 20, 17)),
  ];
  if ([2, 5, 8, 10].includes(m)) sends.push(campaign(month.key, 'VIP', Date.UTC(year, m, 15, 10)));
  return sends;
});

function successfulBefore(orders: readonly DemoOrder[], at: number): number {
  return orders.filter((o) => o.outcome === 'success' && o.at < at).length;
}

/** Emits sent / opened / clicked events for the campaigns a consenting customer receives. */
export function generateCampaigns(
  profile: CustomerProfile,
  consent: ConsentHistory,
  orders: readonly DemoOrder[],
  random: Random,
  sink: EventSink,
): void {
  for (const send of schedule) {
    if (send.at < profile.signupAt) continue;
    const subscriptions = send.channel === 'email' ? consent.newsletter : consent.sms;
    if (subscriptions.length === 0) continue;
    const sentAt = toSecond(send.at + random.uniform(0, 30) * MINUTE);
    // Consent is checked at the moment of delivery, not the start of the batch.
    if (!isSubscribed(subscriptions, sentAt) || !random.chance(send.reach)) continue;
    if (send.kind === 'VIP' && successfulBefore(orders, send.at) < VIP_MIN_ORDERS) continue;
    const push = (at: number, action: CampaignAction): void => {
      sink.push(at, profile.id, 'campaign', send.payloads[action]);
    };
    push(sentAt, 'sent');
    let lastAt = sentAt;
    if (send.openRate > 0) {
      if (!random.chance(send.openRate)) continue;
      lastAt = toSecond(sentAt + SECOND + random.exponential(6) * HOUR);
      if (lastAt > DEMO_END) continue;
      push(lastAt, 'opened');
    }
    if (!random.chance(send.clickRate)) continue;
    const clickedAt = toSecond(lastAt + random.uniform(10, 300) * SECOND);
    if (clickedAt <= DEMO_END) push(clickedAt, 'clicked');
  }
}

const scorePayloads: readonly EventPayload[] = Array.from({ length: 11 }, (_, score) => ({
  score,
}));

/** For some buyers, emits one NPS survey after a successful order; frequent buyers score higher. */
export function generateSurvey(
  profile: CustomerProfile,
  orders: readonly DemoOrder[],
  random: Random,
  sink: EventSink,
): void {
  const successful = orders.filter((o) => o.outcome === 'success');
  // Over a third of buyers answer: about 30 % of all customers, as some never buy.
  if (successful.length === 0 || !random.chance(0.36)) return;
  const surveyed = successful[random.int(0, successful.length - 1)] as DemoOrder;
  const at = Math.max(
    atShopHours(surveyed.at + random.uniform(1, 6) * DAY, random),
    surveyed.at + HOUR,
  );
  if (at > DEMO_END) return;
  const loyalty = Math.min(successful.length - 1, 5);
  const score = Math.round(random.normal(6 + 0.75 * loyalty, 1.8));
  sink.push(at, profile.id, 'survey', scorePayloads[Math.min(10, Math.max(0, score))] ?? {});
}
