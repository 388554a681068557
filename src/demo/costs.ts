import { demoMonths, monthKey } from './calendar.js';
import type { CustomerProfile } from './customers.js';
import { rateToEur } from './orders.js';
import type { Random } from '../shared/random.js';
import type { AcquisitionChannel, DemoCost, DemoRate } from './types.js';

// EUR per acquired sign-up; organic traffic costs nothing and gets no rows.
const costPerSignup: readonly (readonly [AcquisitionChannel, number])[] = [
  ['paid_search', 48],
  ['social', 38],
  ['affiliate', 30],
  ['email_referral', 22],
];

/** Monthly acquisition spend per paid channel: sign-ups × cost per sign-up × noise, in EUR. */
export function generateCosts(profiles: readonly CustomerProfile[], random: Random): DemoCost[] {
  const signups = new Map<string, number>();
  for (const profile of profiles) {
    const key = `${monthKey(profile.signupAt)}|${profile.channel}`;
    signups.set(key, (signups.get(key) ?? 0) + 1);
  }
  return demoMonths.flatMap((month) =>
    costPerSignup.map(([channel, cost]) => {
      const count = signups.get(`${month.key}|${channel}`) ?? 0;
      // Log-normal noise: bids, creative and seasonality move the price of a sign-up.
      const spend = count * cost * Math.exp(random.normal(0, 0.2));
      return { month: month.key, channel, spend: Math.round(spend * 100) / 100 };
    }),
  );
}

/** The rates file: EUR is the base and needs no row. */
export function demoRates(): DemoRate[] {
  return Object.entries(rateToEur).map(([currency, rate]) => ({ currency, rate_to_base: rate }));
}
