import { ClvError } from '../shared/errors.js';
import { generateConsent } from './consent.js';
import { demoRates, generateCosts } from './costs.js';
import { generateProfiles, toCustomerRow } from './customers.js';
import { generateCampaigns, generateSurvey } from './engagement.js';
import { EventSink } from './event-sink.js';
import { generateOrders } from './orders.js';
import { Random, mixSeed, seedWords } from '../shared/random.js';
import type { DemoData, DemoOptions } from './types.js';

/** Upper bound on customers: 1 M makes ~10.7 M events, about 3 GB of heap, near Node's default. */
export const MAX_DEMO_CUSTOMERS = 1_000_000;

// Separate streams per concern, so changing how costs are drawn never moves a customer's orders.
const STREAM_CUSTOMERS = 1;
const STREAM_BEHAVIOUR = 2;
const STREAM_COSTS = 3;

function validate(options: DemoOptions): void {
  const { customers, seed } = options;
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_DEMO_CUSTOMERS) {
    throw new ClvError(
      'usage',
      `customers must be an integer from 1 to ${MAX_DEMO_CUSTOMERS}, got ${customers}`,
    );
  }
  if (!Number.isSafeInteger(seed)) {
    throw new ClvError('usage', `seed must be an integer, got ${seed}`);
  }
}

/** A deterministic three-year history of an online shop: the same options give identical data. */
export function generateDemo(options: DemoOptions): DemoData {
  validate(options);
  const seed = seedWords(options.seed);
  const profiles = generateProfiles(
    options.customers,
    new Random(mixSeed(...seed, STREAM_CUSTOMERS)),
  );
  const sink = new EventSink();
  for (const profile of profiles) {
    // One stream per customer: a customer's history depends only on the seed and its position.
    const random = new Random(mixSeed(...seed, STREAM_BEHAVIOUR, profile.index));
    const consent = generateConsent(profile, random, sink);
    const orders = generateOrders(profile, consent, random, sink);
    generateCampaigns(profile, consent, orders, random, sink);
    generateSurvey(profile, orders, random, sink);
  }
  return {
    customers: profiles.map(toCustomerRow),
    events: sink.finish(),
    costs: generateCosts(profiles, new Random(mixSeed(...seed, STREAM_COSTS))),
    rates: demoRates(),
  };
}
