import { DAY, DEMO_END, demoMonths, formatDate, timeOfDay } from './calendar.js';
import { idFormatter } from './ids.js';
import { WeightedPicker } from '../shared/random.js';
import type { Random } from '../shared/random.js';
import type { AcquisitionChannel, DemoCustomer } from './types.js';

export type Country = 'DE' | 'FR' | 'NL' | 'ES' | 'IT' | 'AT' | 'BE' | 'PL' | 'SE' | 'GB';

/** A customer as the generator sees it: the file row's facts plus the exact signup instant. */
export interface CustomerProfile {
  index: number;
  id: string;
  country: Country;
  channel: AcquisitionChannel;
  signupAt: number;
}

// A German shop selling across Europe.
const countries = new WeightedPicker<Country>([
  ['DE', 30],
  ['FR', 14],
  ['NL', 10],
  ['ES', 9],
  ['IT', 9],
  ['AT', 6],
  ['GB', 6],
  ['BE', 5],
  ['PL', 5],
  ['SE', 6],
]);

const channels = new WeightedPicker<AcquisitionChannel>([
  ['organic', 34],
  ['paid_search', 25],
  ['social', 18],
  ['affiliate', 12],
  ['email_referral', 11],
]);

// Sign-ups pick up around the holidays and New Year and sag in summer.
const signupSeason = [1.15, 0.95, 1, 0.95, 0.95, 0.85, 0.8, 0.8, 0.95, 1.05, 1.3, 1.35];
// The shop grows: the last month sees three times the sign-ups of the first.
const signupMonths = new WeightedPicker(
  demoMonths.map(
    (month, i) =>
      [
        month,
        (1 + (2 * i) / (demoMonths.length - 1)) * (signupSeason[month.monthOfYear] ?? 1),
      ] as const,
  ),
);

/** `count` customers with country, channel and signup instant, ids in signup order. */
export function generateProfiles(count: number, random: Random): CustomerProfile[] {
  const drafts = Array.from({ length: count }, () => {
    const month = signupMonths.pick(random);
    const days = Math.round((month.end - month.start) / DAY);
    const signupAt = Math.min(
      month.start + random.int(0, days - 1) * DAY + timeOfDay(random),
      DEMO_END,
    );
    return { signupAt, country: countries.pick(random), channel: channels.pick(random) };
  });
  // Stable sort: equal instants keep draw order, so ids are deterministic.
  drafts.sort((a, b) => a.signupAt - b.signupAt);
  const customerId = idFormatter('C', count, 6);
  return drafts.map((draft, index) => ({
    index,
    id: customerId(index + 1),
    ...draft,
  }));
}

/** The customers-file row of a profile. */
export function toCustomerRow(profile: CustomerProfile): DemoCustomer {
  return {
    customer_id: profile.id,
    country: profile.country,
    acquisition_channel: profile.channel,
    signup_date: formatDate(profile.signupAt),
  };
}
