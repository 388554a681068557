import { ClvError } from '../shared/errors.js';
import { emptyPlan, generateCampaigns } from './campaign-responses.js';
import { generateConsent } from './consent.js';
import { demoRates, generateCosts } from './costs.js';
import { generateProfiles, toCustomerRow } from './customers.js';
import type { CustomerProfile } from './customers.js';
import { demoActivations } from './demo-activations.js';
import { EventSink } from './event-sink.js';
import { generateOrders } from './orders.js';
import type { DemoOrder } from './orders.js';
import { generateSurvey } from './survey.js';
import { winbackThresholds } from './winback-threshold.js';
import { Random, mixSeed, seedWords } from '../shared/random.js';
import type { DemoData, DemoOptions, DemoStream } from './types.js';

/**
 * Upper bound on customers. 1 M makes ~10 M events (campaign sends with their deliveries make
 * about half); their columns take about 1.5 GB of heap while they are drawn and written, so 3 M
 * needs `--max-old-space-size` above Node's default (the benchmarks' builds have 8 to 16 GB).
 */
export const MAX_DEMO_CUSTOMERS = 3_000_000;
const DEFAULT_CHURN_WINDOW_DAYS = 365;
/** Customers whose orders set the winback's revenue thresholds: enough for a 70th percentile. */
const THRESHOLD_SAMPLE = 2000;

// Separate streams per concern, so changing how costs are drawn never moves a customer's orders.
const STREAM_CUSTOMERS = 1;
const STREAM_BEHAVIOUR = 2;
const STREAM_COSTS = 3;
const STREAM_ACTIVATIONS = 4;

function validate(options: DemoOptions): void {
  const { customers, seed, churnWindowDays } = options;
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_DEMO_CUSTOMERS) {
    throw new ClvError(
      'usage',
      `customers must be an integer from 1 to ${MAX_DEMO_CUSTOMERS}, got ${customers}`,
    );
  }
  if (!Number.isSafeInteger(seed)) {
    throw new ClvError('usage', `seed must be an integer, got ${seed}`);
  }
  if (
    churnWindowDays !== undefined &&
    !(Number.isInteger(churnWindowDays) && churnWindowDays > 0)
  ) {
    throw new ClvError(
      'usage',
      `churnWindowDays must be a positive integer, got ${churnWindowDays}`,
    );
  }
}

/**
 * The orders of every k-th customer, drawn from the same streams as the full run (so they are
 * the very orders the run writes), for thresholds that rank customers against each other.
 */
function sampleOrders(
  profiles: readonly CustomerProfile[],
  stream: (index: number) => Random,
): DemoOrder[][] {
  const step = Math.max(1, Math.floor(profiles.length / THRESHOLD_SAMPLE));
  const scratch = new EventSink();
  const sample: DemoOrder[][] = [];
  for (let index = 0; index < profiles.length; index += step) {
    const profile = profiles[index] as CustomerProfile;
    const random = stream(index);
    const consent = generateConsent(profile, random, scratch);
    sample.push(generateOrders(profile, consent, random, scratch).orders);
  }
  return sample;
}

/** A deterministic three-year history of an online shop: the same options give identical data. */
export function generateDemo(options: DemoOptions): DemoData {
  const { sink, ...drawn } = drawDemo(options);
  return { ...drawn, events: sink.finish() };
}

/**
 * The same shop with its event rows built as they are read (once): what writing the files of a
 * large shop needs, without every row in memory at once.
 */
export function streamDemo(options: DemoOptions): DemoStream {
  const { sink, ...drawn } = drawDemo(options);
  return { ...drawn, eventCount: sink.size, events: sink.rows() };
}

function drawDemo(options: DemoOptions): Omit<DemoData, 'events'> & { sink: EventSink } {
  validate(options);
  const seed = seedWords(options.seed);
  const profiles = generateProfiles(
    options.customers,
    new Random(mixSeed(...seed, STREAM_CUSTOMERS)),
  );
  // One stream per customer: a customer's history depends only on the seed and its position.
  const stream = (index: number) => new Random(mixSeed(...seed, STREAM_BEHAVIOUR, index));
  const plan = emptyPlan(
    options.churnWindowDays ?? DEFAULT_CHURN_WINDOW_DAYS,
    winbackThresholds(sampleOrders(profiles, stream)),
  );
  const sink = new EventSink();
  for (const profile of profiles) {
    const random = stream(profile.index);
    const consent = generateConsent(profile, random, sink);
    const history = generateOrders(profile, consent, random, sink);
    generateCampaigns(profile, consent, history, random, sink, plan);
    generateSurvey(profile, history.orders, random, sink);
  }
  return {
    customers: profiles.map(toCustomerRow),
    sink,
    costs: generateCosts(profiles, new Random(mixSeed(...seed, STREAM_COSTS))),
    rates: demoRates(),
    activations: demoActivations(plan, mixSeed(...seed, STREAM_ACTIVATIONS)),
  };
}
