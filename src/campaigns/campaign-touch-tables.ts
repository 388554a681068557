import type { Config } from '../config/schema.js';
import { TABLE } from '../model/table-names.js';
import type { SqlParams, Warehouse } from '../store/warehouse.js';

/** The six canonical actions, in funnel order. */
export const ACTIONS = [
  'sent',
  'delivered',
  'opened',
  'clicked',
  'unsubscribed',
  'bounced',
] as const;

/** Scratch tables of the step, dropped when it is done. */
export const SCRATCH = {
  keys: 'campaign_keys',
  sends: 'campaign_sends',
} as const;

/** Microseconds of a number of days (the windows may be fractional). */
export function dayMicros(days: number): number {
  return Math.round(days * 86_400_000_000);
}

/** The bound lists of raw values of each canonical action (`$sent`, `$delivered`, …). */
export function actionParams(config: Config): SqlParams {
  const values = config.campaign.actionValues;
  return Object.fromEntries(ACTIONS.map((action) => [action, values[action]]));
}

/** The campaign events with a campaign id and a mapped action (NULL when none maps). */
const ACTION_EVENTS = `(
  SELECT customer_id, campaign_id, coalesce(audience_id, '') AS audience_key,
         coalesce(campaign_channel, '') AS channel, ts,
         CASE ${ACTIONS.map((a) => `WHEN list_contains($${a}, campaign_action) THEN '${a}'`).join(' ')}
         END AS action
  FROM events WHERE kind = 'campaign' AND campaign_id IS NOT NULL
)`;

/**
 * The mapped campaign events, as (customer, campaign, audience key, channel, their number `k`
 * in `campaign_keys`, canonical action, time): a subquery read in place, as copying the campaign
 * events into a table costs more than scanning them again. Grouping by the small integer `k`
 * rather than three strings makes the per-customer aggregation half as dear. Needs
 * `actionParams` and `campaign_keys`.
 */
export function mappedEvents(schema: string): string {
  return `(
    SELECT e.customer_id, e.campaign_id, e.audience_key, e.channel, k.k, e.action, e.ts
    FROM ${ACTION_EVENTS} e
    JOIN ${schema}.${SCRATCH.keys} k USING (campaign_id, audience_key, channel)
    WHERE e.action IS NOT NULL
  )`;
}

/**
 * How many campaign events are left out (an action no list maps, or no campaign id), with a
 * few of the unmapped raw actions; `campaign_keys`, a number for each campaign × audience ×
 * channel; and `campaign_sends`, each campaign × audience's send instant: the first `sent`
 * event, else the first event of any action.
 */
export async function buildSends(
  warehouse: Warehouse,
  config: Config,
  schema: string,
): Promise<{ unmapped: number; examples: string[]; noCampaign: number }> {
  const params = actionParams(config);
  const all = ACTIONS.map((a) => `$${a}`).join(', ');
  const [left] = await warehouse.query<{
    unmapped: number;
    examples: string[];
    no_campaign: number;
  }>(
    `WITH out AS (
       SELECT campaign_id, coalesce(campaign_action, '(none)') AS action FROM events
       WHERE kind = 'campaign'
         AND (campaign_id IS NULL OR NOT list_contains(flatten([${all}]), campaign_action)
              OR campaign_action IS NULL)
     )
     SELECT count(*) FILTER (WHERE campaign_id IS NOT NULL) AS unmapped,
            coalesce(list(DISTINCT action ORDER BY action) FILTER (WHERE campaign_id IS NOT NULL),
                     []) AS examples,
            count(*) FILTER (WHERE campaign_id IS NULL) AS no_campaign
     FROM out`,
    params,
  );
  await warehouse.run(
    `CREATE TABLE ${schema}.${SCRATCH.keys} AS
     SELECT (row_number() OVER (ORDER BY campaign_id, audience_key, channel))::INTEGER AS k,
            campaign_id, audience_key, channel,
            min(ts) FILTER (WHERE action = 'sent') AS first_sent_at, min(ts) AS first_event_at
     FROM ${ACTION_EVENTS} WHERE action IS NOT NULL
     GROUP BY campaign_id, audience_key, channel`,
    params,
  );
  await warehouse.run(
    `CREATE TABLE ${schema}.${SCRATCH.sends} AS
     SELECT campaign_id, audience_key,
            coalesce(min(first_sent_at), min(first_event_at)) AS send_at,
            count(first_sent_at) > 0 AS has_sent
     FROM ${schema}.${SCRATCH.keys}
     GROUP BY campaign_id, audience_key`,
  );
  return {
    unmapped: left?.unmapped ?? 0,
    examples: (left?.examples ?? []).slice(0, 3),
    noCampaign: left?.no_campaign ?? 0,
  };
}

/**
 * `campaign_attributions`: each successful order with a qualifying touch, attributed to the
 * last one: a click at tc qualifies when tc <= t < tc + clickDays, an open when to <= t <
 * to + openDays; the latest touch wins, at equal times a click before an open, then the
 * smaller campaign id, audience key and channel (byte order).
 */
export async function buildAttributions(
  warehouse: Warehouse,
  config: Config,
  schema: string,
): Promise<void> {
  await warehouse.run(
    `CREATE TABLE ${schema}.${TABLE.campaignAttributions} AS
     WITH touches AS (
       SELECT customer_id, campaign_id, audience_key, channel, ts AS touch_at,
              action = 'clicked' AS is_click,
              ts + to_microseconds(CASE WHEN action = 'clicked' THEN $clickUs ELSE $openUs END::BIGINT)
                AS touch_end
       FROM ${mappedEvents(schema)}
       WHERE action IN ('clicked', 'opened')
     ),
     candidates AS (
       SELECT o.order_key, o.customer_id, o.ts AS order_at, o.day, o.amount,
              t.campaign_id, t.audience_key, t.channel, t.touch_at,
              CASE WHEN t.is_click THEN 'click' ELSE 'open' END AS touch,
              row_number() OVER (
                PARTITION BY o.order_key
                ORDER BY t.touch_at DESC, t.is_click DESC, t.campaign_id COLLATE C,
                         t.audience_key COLLATE C, t.channel COLLATE C
              ) AS rank
       FROM orders o JOIN touches t
         ON o.customer_id = t.customer_id AND t.touch_at <= o.ts AND o.ts < t.touch_end
       WHERE o.outcome = 'success'
     )
     SELECT order_key, customer_id, order_at, day, amount,
            campaign_id, audience_key, channel, touch, touch_at
     FROM candidates WHERE rank = 1`,
    {
      ...actionParams(config),
      clickUs: dayMicros(config.campaign.attribution.clickDays),
      openUs: dayMicros(config.campaign.attribution.openDays),
    },
  );
}

const firstOf = (action: string): string =>
  `min(ts) FILTER (WHERE action = '${action}') AS ${action}_at`;

/**
 * `campaign_recipients`: one row per campaign × audience × channel × customer with the first
 * time of each action, the campaign × audience's send instant, and whether the customer
 * responded to the campaign (clicked it, or has an order attributed to it). The CLV movement
 * reads campaign_id, audience_key, customer_id, send_at, responder.
 */
export async function buildRecipients(
  warehouse: Warehouse,
  config: Config,
  schema: string,
): Promise<void> {
  const keys = `${schema}.${SCRATCH.keys}`;
  await warehouse.run(
    `CREATE TABLE ${schema}.${TABLE.campaignRecipients} AS
     WITH per_customer AS MATERIALIZED (
       SELECT k, customer_id, min(ts) AS first_event_at, max(ts) AS last_event_at,
              ${ACTIONS.map(firstOf).join(', ')}
       FROM ${mappedEvents(schema)}
       GROUP BY k, customer_id
     ),
     responders AS (
       SELECT DISTINCT k.campaign_id, p.customer_id
       FROM per_customer p JOIN ${keys} k USING (k) WHERE p.clicked_at IS NOT NULL
       UNION
       SELECT DISTINCT campaign_id, customer_id FROM ${schema}.${TABLE.campaignAttributions}
     )
     SELECT k.campaign_id, k.audience_key, k.channel, p.customer_id,
            p.first_event_at, p.last_event_at,
            ${ACTIONS.map((a) => `p.${a}_at`).join(', ')},
            s.send_at,
            r.customer_id IS NOT NULL AS responder
     FROM per_customer p
     JOIN ${keys} k USING (k)
     JOIN ${schema}.${SCRATCH.sends} s USING (campaign_id, audience_key)
     LEFT JOIN responders r USING (campaign_id, customer_id)`,
    actionParams(config),
  );
}
