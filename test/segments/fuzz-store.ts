import { Random } from '../../src/shared/random.js';
import type { Rule } from '../../src/segments/rule-schema.js';
import type { Warehouse } from '../../src/store/warehouse.js';
import { columnKind, knownDatasets } from '../../src/segments/known-datasets.js';
import type {
  ReferenceCustomer,
  ReferenceDataset,
  ReferenceEvent,
  ReferenceOrder,
  ReferenceStore,
} from './reference-evaluation.js';

/** Strings a user might type to break out of a value: each is also stored somewhere below. */
export const HOSTILE = [
  `'`,
  `"`,
  `'); DROP TABLE events; --`,
  `' OR '1'='1`,
  '$p1',
  '$1',
  '?',
  ':name',
  '/*',
  '*/ --',
  '%',
  '_',
  '%_%',
  '\\',
  "\\'",
  ';',
  'ü',
  '日本語',
  '🙂',
  'a\nb',
  '\t',
  ' ',
  'x'.repeat(500),
] as const;

/** Attribute keys of the store: odd characters for JSON Pointers and quoting. */
export const ATTRIBUTE_KEYS = [
  'country',
  'age',
  'signup',
  'a/b',
  't~x',
  'q"k',
  "o'k",
  'größe',
  '~1',
  'nested',
  'flag',
  'n',
  'note',
] as const;
/** A configured attribute no customer has: known, and missing for everyone. */
export const CONFIGURED_ONLY = 'loyalty_tier';

export const NUMBER_TEXTS = [
  '41',
  ' 7 ',
  '1e3',
  '-0',
  '5.',
  '.5',
  '+5',
  '00012',
  '1_000',
  'inf',
  'NaN',
  '-Infinity',
  '1e400',
  '1e-400',
  '0x10',
  '1,5',
  '',
  '12abc',
  '1.7976931348623157e308',
  '5e-324',
] as const;
export const DATE_TEXTS = [
  '2024-01-05',
  '2024-06-30',
  '2024-06-29T23:59:59Z',
  '2024-1-5',
  '2024/01/05',
  '2024 01 05',
  'infinity',
  'epoch',
  '2024-02-30',
  '2024-02-29',
  '0000-01-01',
  '9999-12-31',
  '24-01-05',
  '2024-01-5x',
  '1969-12-31',
] as const;
export const TEXT_VALUES = ['DE', 'FR', 'de', 'DE ', 'Ünïcødé', '', ...HOSTILE] as const;
export const EVENT_TYPES = [
  'page_view',
  'add_to_cart',
  'purchase',
  'campaign',
  "it's",
  `'); DROP TABLE events; --`,
  'ünï',
] as const;
export const PROPERTY_KEYS = ['path', 'a/b', 'q"k', 'price', 'when', 'ü', '%'] as const;
export const CAMPAIGN_IDS = ['spring', "it's", '%', 'autumn'] as const;
export const CHANNELS = ['email', 'sms', '?'] as const;
const ACTIONS = ['sent', 'delivered', 'opened', 'clicked', 'bounced'] as const;
export const OUTCOMES = ['success', 'canceled', 'returned', 'other'] as const;

/**
 * Datasets of the store: `tiers` with columns of every kind (a column name that needs quoting
 * among them), `int_ids` whose customer_id is a number, `no_ids` without customer_id (not
 * readable) and `gone`, a saved dataset whose table is not there (not readable either).
 */
export const DATASETS = ['tiers', 'int_ids', 'no_ids', 'gone'] as const;
/** The columns of `tiers`, and the kind of test that suits each. */
export const TIER_COLUMNS: Readonly<Record<string, 'number' | 'date' | 'any'>> = {
  customer_id: 'any',
  tier: 'number',
  score: 'number',
  since: 'date',
  seen: 'date',
  label: 'any',
  'q"k': 'any',
  flag: 'any',
};

export const AS_OF = Date.UTC(2024, 5, 30, 12, 0, 0);
const DAY = 86_400_000;

/** Saved audiences: plain ones, one reaching another, and three that form cycles. */
export const AUDIENCES: ReadonlyMap<string, Rule> = new Map<string, Rule>([
  [
    'aud_de',
    {
      version: 1,
      match: 'all',
      conditions: [
        { type: 'attribute', attribute: 'country', test: { op: 'equals', value: 'DE' } },
      ],
    },
  ],
  [
    'aud_buyers',
    {
      version: 1,
      match: 'any',
      conditions: [
        { type: 'audience', audienceId: 'aud_de', member: true },
        { type: 'purchase', outcome: 'success', count: { atLeast: 2 } },
      ],
    },
  ],
  [
    'aud_x',
    {
      version: 1,
      match: 'all',
      conditions: [{ type: 'audience', audienceId: 'aud_y', member: true }],
    },
  ],
  [
    'aud_y',
    {
      version: 1,
      match: 'none',
      conditions: [{ type: 'audience', audienceId: 'aud_x', member: false }],
    },
  ],
  [
    'aud_self',
    {
      version: 1,
      match: 'any',
      conditions: [{ type: 'audience', audienceId: 'aud_self', member: true }],
    },
  ],
  // 20 × (1 + aud_buyers' 3) = 80 conditions written out: within the limit alone, past it
  // beside two more such audiences, and far past it in aud_huge (20 × 81).
  [
    'aud_wide',
    {
      version: 1,
      match: 'all',
      conditions: Array.from({ length: 20 }, () => ({
        type: 'audience' as const,
        audienceId: 'aud_buyers',
        member: true,
      })),
    },
  ],
  [
    'aud_huge',
    {
      version: 1,
      match: 'any',
      conditions: Array.from({ length: 20 }, () => ({
        type: 'audience' as const,
        audienceId: 'aud_wide',
        member: false,
      })),
    },
  ],
  [
    "aud_'); DROP TABLE events; --",
    {
      version: 1,
      match: 'none',
      conditions: [{ type: 'consent', channel: 'sms', subscribed: true }],
    },
  ],
]);

/**
 * Writes a hand-made store into `warehouse` (the four relations a rule reads, as tables) and
 * reads it back into JavaScript for the reference evaluation. About 30 customers with odd
 * attributes (numbers and dates as text, JSON values of other types, odd keys), events of
 * several types with properties at window boundaries, orders of every outcome, campaign events.
 */
export async function writeFuzzStore(warehouse: Warehouse, seed: number): Promise<ReferenceStore> {
  const random = new Random(seed);
  const pick = <T>(values: readonly T[]): T => values[random.int(0, values.length - 1)] as T;
  await warehouse.run(`
    CREATE TABLE store_as_of (as_of TIMESTAMP);
    CREATE TABLE orders (order_key VARCHAR, customer_id VARCHAR, ts TIMESTAMP, outcome VARCHAR,
                         amount DECIMAL(38, 9));
    CREATE TABLE customer_features (customer_id VARCHAR, email_subscribed BOOLEAN,
      sms_subscribed BOOLEAN, revenue DOUBLE, orders BIGINT, first_order_at TIMESTAMP,
      last_order_at TIMESTAMP, days_since_last_order BIGINT, historic_clv DOUBLE,
      predicted_clv DOUBLE, p_alive DOUBLE, churn_risk DOUBLE, clv_decile BIGINT,
      revenue_decile BIGINT, rfm_group VARCHAR, cohort_month VARCHAR, acquisition_channel VARCHAR,
      attributes JSON)`);
  await warehouse.run(`INSERT INTO store_as_of VALUES (make_timestamp($ms * 1000))`, {
    ms: AS_OF,
  });
  const ids = [
    ...Array.from({ length: 24 }, (_, i) => `c${i}`),
    "o'brien",
    'q"x',
    'ünï',
    `'); DROP TABLE customers; --`,
    '$p1',
    ' ',
  ];
  // A time near a boundary of some window: exact days before the as-of instant, midnights.
  const time = (): number => {
    const days = random.chance(0.3) ? random.int(0, 40) : random.int(0, 900);
    const base = AS_OF - days * DAY;
    const choice = random.int(0, 4);
    if (choice === 0) return base;
    if (choice === 1) return Math.floor(base / DAY) * DAY;
    if (choice === 2) return base + pick([-1, 1]) * 1000;
    return base - random.int(0, DAY - 1);
  };
  await writeDatasets(warehouse, ids, random, time);
  await warehouse.transaction(async () => {
    let serial = 0;
    for (const id of ids) {
      const attributes: Record<string, unknown> = {};
      for (const key of ATTRIBUTE_KEYS) {
        if (random.chance(0.3)) continue;
        attributes[key] =
          key === 'age'
            ? pick(NUMBER_TEXTS)
            : key === 'signup'
              ? pick(DATE_TEXTS)
              : key === 'nested'
                ? { x: [1, 'b'], y: pick(HOSTILE) }
                : key === 'flag'
                  ? pick([true, false, null])
                  : key === 'n'
                    ? pick([41, -3, 0, 1000000])
                    : pick([...TEXT_VALUES, ...NUMBER_TEXTS, ...DATE_TEXTS]);
      }
      const orders = random.int(0, 4);
      const first = orders > 0 ? time() : null;
      const last = first === null ? null : Math.min(AS_OF, first + random.int(0, 300) * DAY);
      const pAlive = random.chance(0.2) ? null : pick([0, 1, random.next(), 5e-324]);
      await warehouse.run(
        `INSERT INTO customer_features VALUES ($id, $email, $sms, $revenue, $orders,
           make_timestamp($first * 1000), make_timestamp($last * 1000), $days, $revenue,
           $predicted, $pAlive, 1 - $pAlive, $decile, $rdecile, $rfm, $cohort, $channel,
           $attributes::JSON)`,
        {
          id,
          email: random.chance(0.5),
          sms: random.chance(0.3),
          revenue: orders === 0 ? 0 : pick([0, 12.5, 1e12, 5e-324, 99.99, random.uniform(0, 500)]),
          orders,
          first,
          last,
          days: last === null ? null : Math.floor((AS_OF - last) / DAY),
          predicted: pAlive === null ? null : pick([0, 1e308, 3.25, random.uniform(0, 1000)]),
          pAlive,
          decile: random.int(1, 10),
          rdecile: orders === 0 ? null : random.int(1, 10),
          rfm: pick(['champions', 'at_risk', 'loyal', null]),
          cohort: first === null ? null : new Date(first).toISOString().slice(0, 7),
          channel: pick(['ads', 'organic', `'`, null]),
          attributes: JSON.stringify(attributes),
        },
      );
      for (let n = 0; n < orders + random.int(0, 2); n++) {
        await warehouse.run(
          `INSERT INTO orders VALUES ($key, $id, make_timestamp($ts * 1000), $outcome, 10)`,
          { key: `o${++serial}`, id, ts: time(), outcome: pick(OUTCOMES) },
        );
      }
      for (let n = random.int(0, 14); n > 0; n--) {
        const campaign = random.chance(0.35);
        const properties: Record<string, unknown> = {};
        for (const key of PROPERTY_KEYS) {
          if (random.chance(0.5)) continue;
          properties[key] =
            key === 'price'
              ? pick([...NUMBER_TEXTS, 3, null])
              : key === 'when'
                ? pick(DATE_TEXTS)
                : pick([...TEXT_VALUES, '/sale', '/home']);
        }
        await warehouse.run(
          `INSERT INTO events (event_id, customer_id, type, kind, ts, campaign_id, campaign_channel,
             campaign_action, properties, import_id, source_line)
           VALUES ($event, $id, $type, $kind, make_timestamp($ts * 1000), $campaignId, $channel,
             $action, $properties::JSON, 1, $line)`,
          {
            event: `e${++serial}`,
            id,
            type: campaign ? 'campaign' : pick(EVENT_TYPES),
            kind: campaign ? 'campaign' : pick(['behavior', 'purchase', 'campaign']),
            ts: time(),
            campaignId: campaign && random.chance(0.9) ? pick(CAMPAIGN_IDS) : null,
            channel: campaign && random.chance(0.9) ? pick(CHANNELS) : null,
            action: campaign && random.chance(0.95) ? pick(ACTIONS) : null,
            properties: random.chance(0.15) ? null : JSON.stringify(properties),
            line: serial,
          },
        );
      }
    }
  });
  return readFuzzStore(warehouse);
}

async function writeDatasets(
  warehouse: Warehouse,
  ids: readonly string[],
  random: Random,
  time: () => number,
): Promise<void> {
  const pick = <T>(values: readonly T[]): T => values[random.int(0, values.length - 1)] as T;
  await warehouse.run(`
    CREATE TABLE dataset_tiers (customer_id VARCHAR, tier BIGINT, score DOUBLE, since DATE,
      seen TIMESTAMP, label VARCHAR, "q""k" VARCHAR, flag BOOLEAN);
    CREATE TABLE dataset_int_ids (customer_id INTEGER, n INTEGER);
    INSERT INTO dataset_int_ids VALUES (1, 1), (NULL, 2);
    CREATE TABLE dataset_no_ids (x INTEGER);
    INSERT INTO dataset_no_ids VALUES (1);`);
  for (const dataset of DATASETS) {
    await warehouse.run(
      `INSERT INTO saved_queries VALUES ($id, $id, '', 'SELECT 1', '{}', $dataset, 'local', 1,
         now()::TIMESTAMP, now()::TIMESTAMP, 'local', NULL, NULL, NULL)`,
      { id: `qry_${dataset}`, dataset },
    );
  }
  // Some customers have no row, some two; one row names a customer the store does not know.
  const rows = [...ids.filter(() => random.chance(0.6)), ...ids.filter(() => random.chance(0.15))];
  for (const id of [...rows, 'zz_unknown', null]) {
    await warehouse.run(
      `INSERT INTO dataset_tiers VALUES ($id, $tier, $score, $since::DATE,
         make_timestamp($seen * 1000), $label, $qk, $flag)`,
      {
        id,
        tier: random.chance(0.15) ? null : random.int(1, 10),
        score: random.chance(0.15)
          ? null
          : pick([0, -3, 12.5, 1e12, 5e-324, random.uniform(0, 500)]),
        since: random.chance(0.15) ? null : new Date(time()).toISOString().slice(0, 10),
        seen: random.chance(0.15) ? null : time(),
        label: random.chance(0.15) ? null : pick([...TEXT_VALUES, ...NUMBER_TEXTS, ...DATE_TEXTS]),
        qk: pick(HOSTILE),
        flag: pick([true, false, null]),
      },
    );
  }
}

/** The readable datasets read back into JavaScript: numbers, dates as epoch ms, texts. */
async function readDatasets(warehouse: Warehouse): Promise<Map<string, ReferenceDataset>> {
  const datasets = new Map<string, ReferenceDataset>();
  for (const [name, known] of await knownDatasets(warehouse)) {
    const columns = new Map([...known.columns].map(([column, c]) => [column, columnKind(c.type)]));
    const select = [...columns]
      .map(([column, kind]) => {
        const quoted = `"${column.replaceAll('"', '""')}"`;
        const read =
          kind === 'number'
            ? `CAST(${quoted} AS DOUBLE)`
            : kind === 'date'
              ? `epoch_ms(CAST(${quoted} AS TIMESTAMP))::DOUBLE`
              : `CAST(${quoted} AS VARCHAR)`;
        return `${read} AS ${quoted}`;
      })
      .join(', ');
    const rows = await warehouse.query(
      `SELECT CAST(customer_id AS VARCHAR) AS "(id)", ${select} FROM ${known.table}`,
    );
    datasets.set(name, {
      columns,
      rows: rows
        .filter((row) => row['(id)'] !== null)
        .map((row) => ({
          customerId: String(row['(id)']),
          values: new Map(
            [...columns.keys()].map((column) => {
              const value = row[column];
              return [
                column,
                typeof value === 'number' || typeof value === 'string' ? value : null,
              ];
            }),
          ),
        })),
    });
  }
  return datasets;
}

/** The store read back into JavaScript, as the reference evaluation takes it. */
export async function readFuzzStore(warehouse: Warehouse): Promise<ReferenceStore> {
  const [asOf] = await warehouse.query<{ ms: number }>(
    `SELECT epoch_ms(as_of)::DOUBLE AS ms FROM store_as_of`,
  );
  const customerRows = await warehouse.query(
    `SELECT * REPLACE (epoch_ms(first_order_at)::DOUBLE AS first_order_at,
                       epoch_ms(last_order_at)::DOUBLE AS last_order_at,
                       attributes::VARCHAR AS attributes)
     FROM customer_features`,
  );
  const customers: ReferenceCustomer[] = customerRows.map((row) => {
    const features: Record<string, number | string | null> = {};
    for (const [key, value] of Object.entries(row)) {
      if (typeof value === 'number' || typeof value === 'string' || value === null) {
        features[key] = value;
      }
    }
    return {
      id: String(row['customer_id']),
      emailSubscribed: row['email_subscribed'] === true,
      smsSubscribed: row['sms_subscribed'] === true,
      features: features as ReferenceCustomer['features'],
      attributes: texts(row['attributes']),
    };
  });
  const events = (
    await warehouse.query(
      `SELECT customer_id, type, kind, epoch_ms(ts)::DOUBLE AS ts, campaign_id, campaign_channel,
              campaign_action, properties::VARCHAR AS properties FROM events`,
    )
  ).map((row): ReferenceEvent => ({
    customerId: String(row['customer_id']),
    type: String(row['type']),
    kind: String(row['kind']),
    ts: Number(row['ts']),
    campaignId: (row['campaign_id'] as string | null) ?? null,
    campaignChannel: (row['campaign_channel'] as string | null) ?? null,
    campaignAction: (row['campaign_action'] as string | null) ?? null,
    properties: texts(row['properties']),
  }));
  const orders = (
    await warehouse.query(`SELECT customer_id, epoch_ms(ts)::DOUBLE AS ts, outcome FROM orders`)
  ).map((row): ReferenceOrder => ({
    customerId: String(row['customer_id']),
    ts: Number(row['ts']),
    outcome: String(row['outcome']),
  }));
  const knownAttributes = new Set<string>([CONFIGURED_ONLY]);
  for (const customer of customers)
    for (const key of customer.attributes.keys()) knownAttributes.add(key);
  // A key whose every value is JSON null is still found in the store.
  for (const key of ATTRIBUTE_KEYS) knownAttributes.add(key);
  return {
    asOf: asOf?.ms ?? 0,
    customers,
    events,
    orders,
    audiences: AUDIENCES,
    knownAttributes,
    datasets: await readDatasets(warehouse),
  };
}

/**
 * A JSON object's values as the engine reads them as text: strings as they are, integers and
 * booleans as written, objects and arrays as compact JSON; JSON null is missing.
 */
function texts(json: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (typeof json !== 'string') return map;
  for (const [key, value] of Object.entries(JSON.parse(json) as Record<string, unknown>)) {
    if (value === null) continue;
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new Error(`the fuzz store holds only whole JSON numbers (${key}: ${value})`);
    }
    map.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return map;
}
