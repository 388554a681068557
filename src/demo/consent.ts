import { DAY, DEMO_END, SECOND, atShopHours, toSecond } from './calendar.js';
import type { CustomerProfile } from './customers.js';
import type { EventPayload, EventSink } from './event-sink.js';
import type { Random } from '../shared/random.js';

/** A span [from, to) during which the customer is subscribed; `to` is Infinity while it lasts. */
export interface Subscription {
  from: number;
  to: number;
}

export interface ConsentHistory {
  newsletter: Subscription[];
  sms: Subscription[];
}

interface ConsentBehaviour {
  atSignup: number;
  later: number;
  laterMeanDays: number;
  revokeMeanDays: number;
  reaccept: number;
  reacceptMeanDays: number;
}

const newsletter = (channel: CustomerProfile['channel']): ConsentBehaviour => ({
  // People who came through a friend's email are already used to hearing from the shop.
  atSignup: channel === 'email_referral' ? 0.65 : 0.42,
  later: 0.15,
  laterMeanDays: 150,
  revokeMeanDays: 1500,
  reaccept: 0.25,
  reacceptMeanDays: 120,
});

const sms = (newsletterAtSignup: boolean): ConsentBehaviour => ({
  atSignup: newsletterAtSignup ? 0.24 : 0.08,
  later: 0.06,
  laterMeanDays: 200,
  revokeMeanDays: 700,
  reaccept: 0.15,
  reacceptMeanDays: 150,
});

/** True when `at` falls inside one of the subscriptions. */
export function isSubscribed(subscriptions: readonly Subscription[], at: number): boolean {
  return subscriptions.some((s) => s.from <= at && at < s.to);
}

/** When the customer first accepts, if ever: at signup (a ticked box) or some time later. */
function firstAccept(behaviour: ConsentBehaviour, signupAt: number, random: Random): number | null {
  if (random.chance(behaviour.atSignup)) return signupAt + random.int(5, 120) * SECOND;
  if (!random.chance(behaviour.later)) return null;
  const later = atShopHours(signupAt + random.exponential(behaviour.laterMeanDays) * DAY, random);
  return Math.max(later, signupAt + SECOND);
}

function timeline(
  behaviour: ConsentBehaviour,
  firstAt: number | null,
  random: Random,
): Subscription[] {
  const spans: Subscription[] = [];
  let acceptAt = firstAt ?? Infinity;
  while (acceptAt <= DEMO_END) {
    const revokeAt = toSecond(
      acceptAt + SECOND + random.exponential(behaviour.revokeMeanDays) * DAY,
    );
    spans.push({ from: acceptAt, to: revokeAt <= DEMO_END ? revokeAt : Infinity });
    if (revokeAt > DEMO_END || !random.chance(behaviour.reaccept)) break;
    acceptAt = toSecond(revokeAt + SECOND + random.exponential(behaviour.reacceptMeanDays) * DAY);
  }
  return spans;
}

type Category = 'newsletter' | 'sms';

const payloads = (category: Category) => ({
  accept: { category, action: 'accept' } satisfies EventPayload,
  revoke: { category, action: 'revoke' } satisfies EventPayload,
});
const consentPayloads = { newsletter: payloads('newsletter'), sms: payloads('sms') };

function emit(sink: EventSink, customerId: string, category: Category, spans: Subscription[]) {
  const { accept, revoke } = consentPayloads[category];
  for (const span of spans) {
    sink.push(span.from, customerId, 'consent', accept);
    if (span.to !== Infinity) sink.push(span.to, customerId, 'consent', revoke);
  }
}

/** Draws when a customer accepts and revokes newsletter and SMS consent, and emits those events. */
export function generateConsent(
  profile: CustomerProfile,
  random: Random,
  sink: EventSink,
): ConsentHistory {
  const newsBehaviour = newsletter(profile.channel);
  const newsFirst = firstAccept(newsBehaviour, profile.signupAt, random);
  const news = timeline(newsBehaviour, newsFirst, random);
  const newsAtSignup = newsFirst !== null && newsFirst - profile.signupAt <= 120 * SECOND;
  const smsBehaviour = sms(newsAtSignup);
  const text = timeline(smsBehaviour, firstAccept(smsBehaviour, profile.signupAt, random), random);
  emit(sink, profile.id, 'newsletter', news);
  emit(sink, profile.id, 'sms', text);
  return { newsletter: news, sms: text };
}
