import type { DemoActivation } from './demo-activations.js';

// Row keys are the file's column names, so a row is exactly one line of its CSV file.

export interface DemoOptions {
  customers: number;
  seed: number;
  /** The project's churn window, which the winback audience reads (365 when absent). */
  churnWindowDays?: number;
}

export type AcquisitionChannel =
  'organic' | 'paid_search' | 'social' | 'email_referral' | 'affiliate';

export interface DemoCustomer {
  customer_id: string;
  country: string;
  acquisition_channel: AcquisitionChannel;
  /** YYYY-MM-DD (UTC). */
  signup_date: string;
}

export type DemoEventType = 'purchase' | 'consent' | 'campaign' | 'survey';

/** One events-file row; cells a type does not use are null (empty in the CSV). */
export interface DemoEvent {
  event_id: string;
  customer_id: string;
  type: DemoEventType;
  /** ISO 8601 UTC to the second, e.g. 2024-03-05T14:22:10Z. */
  timestamp: string;
  order_id: string | null;
  /** In `currency`, rounded to cents. */
  amount: number | null;
  currency: string | null;
  status: string | null;
  category: string | null;
  action: string | null;
  campaign_id: string | null;
  channel: string | null;
  audience_id: string | null;
  score: number | null;
}

export interface DemoCost {
  /** YYYY-MM. */
  month: string;
  channel: AcquisitionChannel;
  /** EUR, rounded to cents. */
  spend: number;
}

export interface DemoRate {
  currency: string;
  rate_to_base: number;
}

export interface DemoData {
  customers: DemoCustomer[];
  events: DemoEvent[];
  costs: DemoCost[];
  rates: DemoRate[];
  /** Not a file: the campaigns' activations and control groups, written to the store. */
  activations: DemoActivation[];
}

/**
 * The demo shop with its events drawn but their rows not yet built: each is made as it is read
 * (once), so a large shop is written out without holding every row.
 */
export interface DemoStream extends Omit<DemoData, 'events'> {
  events: Iterable<DemoEvent>;
  eventCount: number;
}

/** Absolute paths of the written files. */
export interface DemoFiles {
  customers: string;
  events: string;
  costs: string;
  rates: string;
}

/** Column order of each file. */
export const demoColumns = {
  customers: ['customer_id', 'country', 'acquisition_channel', 'signup_date'],
  events: [
    'event_id',
    'customer_id',
    'type',
    'timestamp',
    'order_id',
    'amount',
    'currency',
    'status',
    'category',
    'action',
    'campaign_id',
    'channel',
    'audience_id',
    'score',
  ],
  costs: ['month', 'channel', 'spend'],
  rates: ['currency', 'rate_to_base'],
} as const satisfies {
  customers: readonly (keyof DemoCustomer)[];
  events: readonly (keyof DemoEvent)[];
  costs: readonly (keyof DemoCost)[];
  rates: readonly (keyof DemoRate)[];
};
