import {
  DAY,
  DEMO_END,
  MINUTE,
  PEAK_SEASON,
  SECOND,
  atShopHours,
  seasonFactor,
  toSecond,
} from './calendar.js';
import { isSubscribed } from './consent.js';
import type { ConsentHistory } from './consent.js';
import type { CustomerProfile } from './customers.js';
import type { EventPayload, EventSink } from './event-sink.js';
import type { Random } from '../shared/random.js';

export type OrderOutcome = 'success' | 'canceled' | 'returned';

/** A drawn order, kept for the campaign and survey draws that depend on buying history. */
export interface DemoOrder {
  at: number;
  outcome: OrderOutcome;
  /** The amount in EUR, for the winback's "top buyers by revenue". */
  eur: number;
}

/** Exchange rates to EUR, shared with the rates file so amounts convert back to believable EUR. */
export const rateToEur = { GBP: 1.17, SEK: 0.087 } as const;

const NEVER_BUYS = 0.1;
const FIRST_ORDER_IN_SIGNUP_SESSION = 0.6;
const FIRST_ORDER_MEAN_DELAY_DAYS = 20;
// BG/NBD heterogeneity: λ ~ Gamma(r, 1/α) per day, mean one order every ~90 days.
const RATE_SHAPE = 0.8;
const RATE_MEAN_PER_DAY = 1 / 90;
// Dropout after each order, p ~ Beta(a, b), mean 0.25 before consent effects.
const DROPOUT_A = 1;
const DROPOUT_B = 3;
// Subscribers hear from the shop and come back: the dashboard's "email pays" story.
const NEWSLETTER_DROPOUT = 0.35;
const SMS_DROPOUT = 0.8;
const NEWSLETTER_RATE = 1.25;
// Gamma-Gamma spend: z ~ Gamma(p, ν), ν ~ Gamma(q, γ); E[z] = pγ / (q − 1) = 60 EUR.
const SPEND_P = 6;
const SPEND_Q = 4;
const SPEND_GAMMA = 30;
const MIN_ORDER_EUR = 2;
const CANCEL_SHARE = 0.05;
const RETURN_SHARE = 0.04;

type Currency = 'EUR' | keyof typeof rateToEur;

const statusPayloads = {
  success: { status: 'success' },
  canceled: { status: 'canceled' },
  returned: { status: 'returned' },
} satisfies Record<OrderOutcome, EventPayload>;

const orderPayload = (currency: Currency) => ({
  success: { currency, status: 'success' } satisfies EventPayload,
  canceled: { currency, status: 'canceled' } satisfies EventPayload,
  returned: { currency, status: 'returned' } satisfies EventPayload,
});
const orderPayloads = {
  EUR: orderPayload('EUR'),
  GBP: orderPayload('GBP'),
  SEK: orderPayload('SEK'),
};

/** How a customer buys: rate, dropout and spend, drawn once. */
export interface Buyer {
  ratePerDay: number;
  dropout: number;
  spendRate: number;
}

function drawBuyer(random: Random): Buyer {
  return {
    ratePerDay: random.gamma(RATE_SHAPE, RATE_MEAN_PER_DAY / RATE_SHAPE),
    dropout: random.beta(DROPOUT_A, DROPOUT_B),
    spendRate: random.gamma(SPEND_Q, 1 / SPEND_GAMMA),
  };
}

function dropoutAt(buyer: Buyer, consent: ConsentHistory, at: number): number {
  const news = isSubscribed(consent.newsletter, at) ? NEWSLETTER_DROPOUT : 1;
  const text = isSubscribed(consent.sms, at) ? SMS_DROPOUT : 1;
  return buyer.dropout * news * text;
}

/** Next order time after `after` by thinning: the rate moves with season and newsletter consent. */
function nextOrderAt(buyer: Buyer, consent: ConsentHistory, after: number, random: Random): number {
  const ceiling = buyer.ratePerDay * NEWSLETTER_RATE * PEAK_SEASON;
  let t = after;
  while (t <= DEMO_END) {
    t += random.exponential(1 / ceiling) * DAY;
    const boost = isSubscribed(consent.newsletter, t) ? NEWSLETTER_RATE : 1;
    const rate = buyer.ratePerDay * boost * seasonFactor(t);
    if (random.chance(rate / ceiling)) break;
  }
  // Keep the day the process chose but move the time to shop hours; never before the last order.
  return Math.max(atShopHours(t, random), after + random.int(60, 3 * 3600) * SECOND);
}

function firstOrderAt(signupAt: number, random: Random): number {
  if (random.chance(FIRST_ORDER_IN_SIGNUP_SESSION)) {
    return toSecond(signupAt + random.uniform(3, 40) * MINUTE);
  }
  const at = atShopHours(signupAt + random.exponential(FIRST_ORDER_MEAN_DELAY_DAYS) * DAY, random);
  return Math.max(at, signupAt + 10 * MINUTE);
}

function drawOutcome(random: Random): OrderOutcome {
  const u = random.next();
  if (u < CANCEL_SHARE) return 'canceled';
  if (u < CANCEL_SHARE + RETURN_SHARE) return 'returned';
  return 'success';
}

function drawAmount(profile: CustomerProfile, buyer: Buyer, random: Random) {
  const eur = Math.max(MIN_ORDER_EUR, random.gamma(SPEND_P, 1 / buyer.spendRate));
  let currency: Currency = 'EUR';
  if (profile.country === 'GB' && random.chance(0.9)) currency = 'GBP';
  if (profile.country === 'SE' && random.chance(0.88)) currency = 'SEK';
  const local = currency === 'EUR' ? eur : eur / rateToEur[currency];
  return { amount: Math.round(local * 100) / 100, currency, eur: Math.round(eur * 100) / 100 };
}

/** Draws an order's outcome and amount at `at` and emits its purchase (and any status) event. */
function writeOrder(
  profile: CustomerProfile,
  buyer: Buyer,
  at: number,
  random: Random,
  sink: EventSink,
): DemoOrder {
  const outcome = drawOutcome(random);
  const ref = sink.newOrder();
  const { amount, currency, eur } = drawAmount(profile, buyer, random);
  let status: OrderOutcome = outcome;
  if (outcome !== 'success' && random.chance(0.5)) {
    // Cancels come within hours or days, returns after delivery; past the calendar they stay inline.
    const delayDays = outcome === 'canceled' ? random.uniform(0.2, 3) : random.uniform(7, 30);
    const laterAt = toSecond(at + delayDays * DAY);
    if (laterAt <= DEMO_END) {
      status = 'success';
      sink.push(laterAt, profile.id, 'purchase', statusPayloads[outcome], Number.NaN, ref);
    }
  }
  sink.push(at, profile.id, 'purchase', orderPayloads[currency][status], amount, ref);
  return { at, outcome, eur };
}

/** A customer's way of buying and orders so far, in time order. */
export interface BuyingHistory {
  buyer: Buyer;
  orders: DemoOrder[];
}

/** Draws a customer's orders BG/NBD-style and emits their purchase and status events. */
export function generateOrders(
  profile: CustomerProfile,
  consent: ConsentHistory,
  random: Random,
  sink: EventSink,
): BuyingHistory {
  const buyer = drawBuyer(random);
  const orders: DemoOrder[] = [];
  if (random.chance(NEVER_BUYS)) return { buyer, orders };
  let at = firstOrderAt(profile.signupAt, random);
  while (at <= DEMO_END) {
    orders.push(writeOrder(profile, buyer, at, random, sink));
    if (random.chance(dropoutAt(buyer, consent, at))) break;
    at = nextOrderAt(buyer, consent, at, random);
  }
  return { buyer, orders };
}

/**
 * An order a campaign brought (after a click, say), written like any other (amount, outcome,
 * later cancel or return) and added to the history in time order; null past the calendar.
 * It moves a second on from any order at the same second, so a customer's orders stay apart.
 */
export function placeOrder(
  profile: CustomerProfile,
  history: BuyingHistory,
  at: number,
  random: Random,
  sink: EventSink,
): DemoOrder | null {
  let when = toSecond(at);
  while (history.orders.some((order) => order.at === when)) when += SECOND;
  if (when > DEMO_END) return null;
  const order = writeOrder(profile, history.buyer, when, random, sink);
  const after = history.orders.findIndex((other) => other.at > when);
  history.orders.splice(after < 0 ? history.orders.length : after, 0, order);
  return order;
}
