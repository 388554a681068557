import type { Config } from '../config/schema.js';
import { ClvError } from '../shared/errors.js';
import { attributeValueSql, checkAttribute } from './attributes.js';
import type { SqlValue, Warehouse } from '../store/warehouse.js';

/** How customers are split: not at all, by email or SMS consent, or by a customer attribute. */
export type Segmentation =
  { kind: 'all' } | { kind: 'email' } | { kind: 'sms' } | { kind: 'attribute'; name: string };

/** Reads `email`, `sms` or `attribute:NAME`. */
export function parseSegmentation(value: string | undefined): Segmentation {
  if (value === undefined) return { kind: 'all' };
  if (value === 'email' || value === 'sms') return { kind: value };
  const match = /^attribute:(.+)$/.exec(value);
  if (match?.[1]) return { kind: 'attribute', name: match[1] };
  throw new ClvError('usage', `\`segment\` must be email, sms or attribute:NAME, not "${value}"`);
}

// Every customer the store knows (the customers file and every customer with an event).
const POPULATION = `SELECT customer_id FROM known_customers`;

/**
 * Creates `table` (customer_id, segment) for every customer the store knows, membership decided
 * once as of `to` (a local date), so that a period and its previous one compare the same people.
 */
export async function createMembers(
  warehouse: Warehouse,
  config: Config,
  segmentation: Segmentation,
  to: string,
  table: string,
): Promise<void> {
  let params: Record<string, SqlValue> = {};
  let select: string;
  switch (segmentation.kind) {
    case 'all':
      select = `SELECT customer_id, 'all' AS segment FROM (${POPULATION})`;
      break;
    case 'email':
    case 'sms':
      // The current state of each category at `to`: its latest event before then.
      select = `
        SELECT p.customer_id,
               CASE WHEN coalesce(${warehouse.dialect.anyTrue('h.subscribed')}, false) THEN 'subscribed'
                    ELSE 'not subscribed' END AS segment
        FROM (${POPULATION}) p
        LEFT JOIN consent_history h
          ON h.customer_id = p.customer_id AND h.channel = $channel
         AND h.valid_from < timezone('UTC', timezone($timezone, $to::TIMESTAMP))
         AND (h.valid_to IS NULL OR h.valid_to >= timezone('UTC', timezone($timezone, $to::TIMESTAMP)))
        GROUP BY p.customer_id`;
      params = { timezone: config.timezone, to, channel: segmentation.kind };
      break;
    case 'attribute':
      await checkAttribute(warehouse, config, segmentation.name, 'segment');
      select = `
        WITH valued AS (
          SELECT p.customer_id, nullif(${attributeValueSql('c.attributes', 'attribute')}, '') AS value
          FROM (${POPULATION}) p LEFT JOIN customers c ON c.customer_id = p.customer_id
        ),
        top AS (
          SELECT value FROM valued WHERE value IS NOT NULL
          GROUP BY value ORDER BY count(*) DESC, value LIMIT 10
        )
        SELECT customer_id,
               CASE WHEN value IN (SELECT value FROM top) THEN value ELSE 'other' END AS segment
        FROM valued`;
      params = { attribute: segmentation.name };
      break;
  }
  await warehouse.scratch.fromQuery(table, select, params);
}

/**
 * The groups of a segmentation in a members table, with their customers, in the order reports
 * list them: largest first, "not subscribed" and "other" last. Both consent groups are always
 * listed, even when one has no customers.
 */
export async function segmentGroupCounts(
  warehouse: Warehouse,
  table: string,
  segmentation: Segmentation,
): Promise<{ segment: string; customers: number }[]> {
  const counts = await warehouse.query<{ segment: string; customers: number }>(
    `SELECT segment, count(*)::INTEGER AS customers FROM ${table} GROUP BY segment
     ORDER BY segment = 'other', segment = 'not subscribed', customers DESC, segment`,
  );
  if (segmentation.kind === 'attribute') return counts;
  return ['subscribed', 'not subscribed'].map((segment) => ({
    segment,
    customers: counts.find((c) => c.segment === segment)?.customers ?? 0,
  }));
}
