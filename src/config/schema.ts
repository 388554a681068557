import { z } from 'zod';

const name = z.string().min(1);

/** A host name or address as a Host header carries it, with an optional port. */
const hostName = z
  .string()
  .regex(
    /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:\d{1,5})?$/i,
    'must be a host name or address, optionally with :port (e.g. "clv.example.com")',
  );
const names = z.array(name).min(1);

/** True when the runtime knows the IANA time zone. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const columns = z
  .strictObject({
    eventId: name.default('event_id'),
    customerId: name.default('customer_id'),
    type: name.default('type'),
    timestamp: name.default('timestamp'),
  })
  .prefault({});

const purchase = z
  .strictObject({
    type: name.default('purchase'),
    orderId: name.default('order_id'),
    amount: name.default('amount'),
    currency: name.default('currency'),
    status: name.default('status'),
    successValues: names.default(['success']),
    canceledValues: names.default(['canceled']),
    returnedValues: names.default(['returned']),
    statusWhenMissing: z.enum(['success', 'canceled', 'returned', 'other']).default('success'),
  })
  .prefault({});

const consent = z
  .strictObject({
    type: name.default('consent'),
    category: name.default('category'),
    action: name.default('action'),
    acceptValues: names.default(['accept']),
    emailCategories: names.default(['newsletter']),
    smsCategories: names.default(['sms']),
  })
  .prefault({});

const campaign = z
  .strictObject({
    type: name.default('campaign'),
    campaignId: name.default('campaign_id'),
    channel: name.default('channel'),
    action: name.default('action'),
    audienceId: name.default('audience_id'),
    /** Which raw `action` values mean each of the six canonical actions; others are left out. */
    actionValues: z
      .strictObject({
        sent: names.default(['sent']),
        delivered: names.default(['delivered']),
        opened: names.default(['opened']),
        clicked: names.default(['clicked']),
        unsubscribed: names.default(['unsubscribed']),
        bounced: names.default(['bounced']),
      })
      .prefault({})
      .refine(
        (values) =>
          new Set(Object.values(values).flat()).size === Object.values(values).flat().length,
        'a raw action value may mean only one action',
      ),
    /** Days after a click (an open) in which a successful order is attributed to it. */
    attribution: z
      .strictObject({
        clickDays: z.number().positive().max(90).default(7),
        openDays: z.number().positive().max(90).default(3),
      })
      .prefault({}),
  })
  .prefault({});

const survey = z
  .strictObject({
    type: name.default('survey'),
    score: name.default('score'),
    csat: name.default('csat'),
  })
  .prefault({});

const model = z
  .strictObject({
    /** `auto` fits every purchase model and keeps the one that predicts a holdout best. */
    purchaseModel: z.enum(['auto', 'bgnbd', 'mbgnbd', 'paretonbd']).default('auto'),
    /** The holdout `auto` scores on, in months; null for a quarter of the history, at most 12. */
    holdoutMonths: z.number().positive().max(60).nullable().default(null),
    timeUnit: z.enum(['day', 'week', 'month']).default('week'),
    horizonMonths: z.number().int().positive().max(120).default(12),
    monthlyDiscountRate: z.number().min(0).max(1).default(0.01),
    margin: z.number().positive().max(1).default(1),
  })
  .prefault({});

const server = z
  .strictObject({
    /** Largest request body accepted, in MB (ingest batches and uploads). */
    bodyLimitMb: z.number().positive().max(1024).default(16),
    /** Requests per minute allowed to one API key (or one address when the server is open). */
    rateLimitPerMinute: z.number().int().positive().default(3000),
    /**
     * Host names (optionally `name:port`) requests may be addressed to besides the address the
     * server listens on (127.0.0.1, localhost, [::1] with its port): the names of a proxy in
     * front of it, say. Any other Host header is refused, against DNS rebinding.
     */
    allowedHosts: z.array(hostName).default([]),
    /** Largest JSON answer, in MB: a request whose answer would be larger gets 413. */
    maxAnswerMb: z.number().positive().max(1024).default(16),
    /** Memory for answers kept until the next refresh, in MB (their JSON text; 0 keeps none). */
    cacheMb: z.number().min(0).max(65_536).default(64),
  })
  .prefault({});

/** True when the text starts with a day the calendar has (not 2024-02-30). */
function isRealDate(text: string): boolean {
  const day = text.slice(0, 10);
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

/** A date (YYYY-MM-DD) or an ISO 8601 time stamp, with or without a zone. */
const instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
    'must be a date (YYYY-MM-DD) or an ISO 8601 time stamp',
  )
  .refine(isRealDate, 'must be a real date');

const importLimits = z
  .strictObject({
    /** Earliest accepted event time; a time without a zone is in the project's zone. */
    minTimestamp: instant.default('1970-01-01'),
    /** Latest accepted event time; null: one year after the import's wall-clock time. */
    maxTimestamp: instant.nullable().default(null),
    /** Largest accepted amount (and monthly spend), as given and in the base currency. */
    maxAmount: z.number().positive().max(1e15).default(1e13),
    /**
     * Memory the engine may hold while a file is imported, in MB; beyond it the import's
     * scratch tables spill to the store's temporary folder (`clv.duckdb.tmp`, in the project).
     */
    memoryLimitMb: z.number().int().min(256).max(1_048_576).default(1024),
  })
  .prefault({});

const refreshSchedule = z
  .strictObject({
    /** When to refresh (cron, five fields, project time zone); null for never. */
    cron: z.string().nullable().default('*/15 * * * *'),
    /** Seconds after the last ingested event before the refresh it triggers. */
    debounceSeconds: z.number().min(0).max(86_400).default(60),
  })
  .prefault({});

const destinations = z
  .strictObject({
    /** Attempts of one delivery before it is dead (the first one included). */
    maxAttempts: z.number().int().min(1).max(100).default(8),
    /** The first retry waits up to this long; each later one up to twice the one before. */
    retryBaseSeconds: z.number().min(0).max(86_400).default(30),
    /** No retry waits longer than this. */
    retryMaxSeconds: z.number().min(0).max(604_800).default(3600),
    /** A destination that has not answered after this long has failed this attempt. */
    timeoutSeconds: z.number().positive().max(600).default(10),
    /** Members per delivery at most (a webhook batch, an email-list call, a CSV file). */
    batchSize: z.number().int().min(1).max(10_000).default(500),
    /** How often `clv serve` queues new changes and delivers what is due; 0 never. */
    syncSeconds: z.number().min(0).max(86_400).default(60),
    /** Deliveries sent by one sync at most; the rest wait for the next. */
    deliveriesPerSync: z.number().int().min(1).max(10_000).default(100),
  })
  .prefault({});

const query = z
  .strictObject({
    /** A statement of the query service running longer than this is stopped. */
    timeoutSeconds: z.number().positive().max(3600).default(30),
    /** Rows a query answers with at most unless it asks for fewer or more (up to maxRows). */
    defaultRows: z.number().int().min(1).max(10_000_000).default(10_000),
    /** The most rows one query may ask for; more are cut and the answer says `truncated`. */
    maxRows: z.number().int().min(1).max(10_000_000).default(1_000_000),
    /** Memory the engine of one query may use, in MB, before it fails the query. */
    memoryMb: z.number().int().min(64).max(1_048_576).default(2048),
  })
  .prefault({});

/** The project config (`clv.config.json`): every key optional, defaults are the canonical names. */
export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  baseCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter upper-case currency code')
    .default('EUR'),
  timezone: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as "UTC" or "Europe/Berlin"')
    .default('UTC'),
  churnWindowDays: z.number().int().positive().max(3660).default(365),
  columns,
  purchase,
  consent,
  campaign,
  survey,
  drilldowns: z.array(name).default(['country', 'acquisition_channel']),
  acquisitionChannelAttribute: name.default('acquisition_channel'),
  model,
  import: importLimits,
  server,
  refresh: refreshSchedule,
  destinations,
  query,
});

export type Config = z.infer<typeof configSchema>;

/** The config with every default filled in. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}
