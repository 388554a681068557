import { DAY, DEMO_END, HOUR, MINUTE, SECOND, atShopHours, toSecond } from './calendar.js';
import { HOLDOUT_SHARE, demoSends } from './campaign-schedule.js';
import { DEMO_AUDIENCE_IDS } from './demo-audiences.js';
import type { CampaignAction, DemoSend } from './campaign-schedule.js';
import { isSubscribed } from './consent.js';
import type { ConsentHistory, Subscription } from './consent.js';
import type { CustomerProfile } from './customers.js';
import type { EventSink } from './event-sink.js';
import { placeOrder } from './orders.js';
import type { BuyingHistory, DemoOrder } from './orders.js';
import type { Random } from '../shared/random.js';

/** What the campaign draws share across customers, and what each send collects from them. */
export interface CampaignPlan {
  churnWindowDays: number;
  /** Per send (by index): the revenue so far (EUR) a winback recipient needs. */
  winbackThresholds: Float64Array;
  /** Per send: its control group, in customer order. */
  controls: string[][];
  /** Per send: how many customers were sent it. */
  treated: number[];
}

export function emptyPlan(churnWindowDays: number, winbackThresholds: Float64Array): CampaignPlan {
  return {
    churnWindowDays,
    winbackThresholds,
    controls: demoSends.map(() => []),
    treated: demoSends.map(() => 0),
  };
}

const demoAudienceKeys: readonly string[] = Object.values(DEMO_AUDIENCE_IDS);
const VIP_MIN_ORDERS = 3;
/** "More often than not": a click leads to an order within six days this often. */
const ORDER_AFTER_CLICK = 0.6;
const ORDER_IN_CLICK_SESSION = 0.6;
/** A revoke this soon after a delivery came through the message's unsubscribe link. */
const UNSUBSCRIBE_DAYS = 3;

function successfulBefore(orders: readonly DemoOrder[], at: number): number {
  return orders.filter((o) => o.outcome === 'success' && o.at < at).length;
}

/** Successful orders before `at`: the last one's time and their revenue in EUR. */
function buyingBefore(orders: readonly DemoOrder[], at: number) {
  let lastAt = Number.NEGATIVE_INFINITY;
  let revenue = 0;
  for (const order of orders) {
    if (order.at >= at) break;
    if (order.outcome !== 'success') continue;
    lastAt = order.at;
    revenue += order.eur;
  }
  return { lastAt, revenue };
}

/** The winback audience: no order for longer than the churn window, a top buyer so far. */
function lapsedTopBuyer(plan: CampaignPlan, send: DemoSend, orders: readonly DemoOrder[]) {
  const { lastAt, revenue } = buyingBefore(orders, send.at);
  const threshold = plan.winbackThresholds[send.index] ?? Number.POSITIVE_INFINITY;
  return (
    Number.isFinite(lastAt) && send.at - lastAt > plan.churnWindowDays * DAY && revenue >= threshold
  );
}

/** When the subscription holding at `at` ends (Infinity while it lasts). */
function subscriptionEnd(subscriptions: readonly Subscription[], at: number): number {
  return subscriptions.find((s) => s.from <= at && at < s.to)?.to ?? Number.POSITIVE_INFINITY;
}

/** The events one treated customer gives one send, and the orders that follow. */
function respond(
  send: DemoSend,
  sentAt: number,
  subscriptions: readonly Subscription[],
  profile: CustomerProfile,
  history: BuyingHistory,
  random: Random,
  sink: EventSink,
): void {
  const push = (at: number, action: CampaignAction): void => {
    sink.push(at, profile.id, 'campaign', send.payloads[action]);
  };
  push(sentAt, 'sent');
  const report = random.next();
  if (report < send.bounceRate) {
    push(sentAt + random.int(2, 600) * SECOND, 'bounced');
    return;
  }
  let lastAt = sentAt;
  // The rest of the messages arrive too, but not every provider says so.
  if (report < send.bounceRate + send.deliverRate) {
    lastAt = sentAt + random.int(1, 120) * SECOND;
    push(lastAt, 'delivered');
  }
  // The consent history's own revoke, when it comes within days, came through the message.
  const revokeAt = subscriptionEnd(subscriptions, sentAt);
  if (revokeAt > lastAt + MINUTE && revokeAt < lastAt + UNSUBSCRIBE_DAYS * DAY) {
    if (send.openRate > 0) {
      push(toSecond(lastAt + random.uniform(SECOND, revokeAt - lastAt)), 'opened');
    }
    push(revokeAt, 'unsubscribed');
    return;
  }
  const comesBack = send.comeBack > 0 && random.chance(send.comeBack);
  let clickedAt: number | null = null;
  if (send.openRate === 0 || random.chance(send.openRate)) {
    if (send.openRate > 0) {
      lastAt = toSecond(lastAt + SECOND + random.exponential(6) * HOUR);
      if (lastAt <= DEMO_END) push(lastAt, 'opened');
    }
    if (lastAt <= DEMO_END && random.chance(send.clickRate)) {
      clickedAt = toSecond(lastAt + random.uniform(10, 300) * SECOND);
      if (clickedAt <= DEMO_END) push(clickedAt, 'clicked');
    }
  }
  if (clickedAt !== null && clickedAt <= DEMO_END && random.chance(ORDER_AFTER_CLICK)) {
    const at = random.chance(ORDER_IN_CLICK_SESSION)
      ? clickedAt + random.uniform(2, 90) * MINUTE
      : atShopHours(clickedAt + random.int(1, 6) * DAY, random);
    placeOrder(profile, history, at, random, sink);
  } else if (comesBack) {
    // The reminder's code is valid for a week: most who come back do so within it.
    const days = random.chance(0.7) ? random.uniform(0.2, 7) : random.uniform(7, 40);
    placeOrder(profile, history, atShopHours(sentAt + days * DAY, random), random, sink);
  }
}

/**
 * Draws which sends a customer is eligible for (consent at delivery, the send's reach, VIP and
 * winback rules), holds out each send's control share, and emits the others' responses: sent,
 * delivered or bounced, opened, clicked, unsubscribed, and the orders that follow clicks.
 */
export function generateCampaigns(
  profile: CustomerProfile,
  consent: ConsentHistory,
  history: BuyingHistory,
  random: Random,
  sink: EventSink,
  plan: CampaignPlan,
): void {
  // Like the product's own holdout, a customer falls in or out of an audience's control group
  // once: a control customer is never sent that audience's campaigns (the winback report counts
  // on it), and each send's control is still about a tenth of its eligible customers.
  const control = new Set(demoAudienceKeys.filter(() => random.chance(HOLDOUT_SHARE)));
  for (const send of demoSends) {
    if (profile.signupAt >= send.activationAt) continue;
    const subscriptions = send.channel === 'email' ? consent.newsletter : consent.sms;
    if (subscriptions.length === 0) continue;
    const sentAt = toSecond(send.at + random.uniform(0, 30) * MINUTE);
    // Consent is checked at the moment of delivery, not the start of the batch.
    if (!isSubscribed(subscriptions, sentAt)) continue;
    const reached = random.chance(send.reach);
    if (send.kind === 'VIP' && successfulBefore(history.orders, send.at) < VIP_MIN_ORDERS) continue;
    if (send.kind === 'WINBACK' && !lapsedTopBuyer(plan, send, history.orders)) continue;
    // Eligibility does not depend on the control draw, so control and treated are one population.
    // The activation holds out a tenth of the eligible audience; the rotation (reach) then picks
    // who of the rest is sent this time, so a small send still has a control group to measure by.
    if (control.has(send.audienceId)) {
      plan.controls[send.index]?.push(profile.id);
      continue;
    }
    if (!reached) continue;
    plan.treated[send.index] = (plan.treated[send.index] ?? 0) + 1;
    respond(send, sentAt, subscriptions, profile, history, random, sink);
  }
}
