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
  events: 'campaign_events_mapped',
  sends: 'campaign_sends',
} as const;

/** Microseconds of a number of days (the windows may be fractional). */
export function dayMicros(days: number): number {
  return Math.round(days * 86_400_000_000);
}

function actionParams(config: Config): SqlParams {
  const values = config.campaign.actionValues;
  return Object.fromEntries(ACTIONS.map((action) => [action, values[action]]));
}

/**
 * The campaign events with a campaign id and a mapped action, as (customer, campaign, audience
 * key, channel, canonical action, time), and each campaign × audience's send instant. Returns
 * how many campaign events were left out, and a few of their raw actions.
 */
export async function buildMappedEvents(
  warehouse: Warehouse,
  config: Config,
  schema: string,
): Promise<{ unmapped: number; examples: string[]; noCampaign: number }> {
  const map = ACTIONS.map(
    (action) => `SELECT unnest($${action}::VARCHAR[]) AS raw, '${action}' AS action`,
  );
  const params = actionParams(config);
  await warehouse.run(
    `CREATE TABLE ${schema}.${SCRATCH.events} AS
     WITH action_map AS (${map.join(' UNION ALL ')})
     SELECT e.customer_id, e.campaign_id, coalesce(e.audience_id, '') AS audience_key,
            coalesce(e.campaign_channel, '') AS channel, m.action, e.ts
     FROM events e JOIN action_map m ON e.campaign_action = m.raw
     WHERE e.kind = 'campaign' AND e.campaign_id IS NOT NULL`,
    params,
  );
  const [left] = await warehouse.query<{
    unmapped: number;
    examples: string[];
    no_campaign: number;
  }>(
    `WITH action_map AS (${map.join(' UNION ALL ')}),
     out AS (
       SELECT campaign_id, campaign_action FROM events
       WHERE kind = 'campaign'
         AND (campaign_id IS NULL OR campaign_action IS NULL
              OR campaign_action NOT IN (SELECT raw FROM action_map))
     )
     SELECT count(*) FILTER (WHERE campaign_id IS NOT NULL) AS unmapped,
            coalesce(list(DISTINCT coalesce(campaign_action, '(none)') ORDER BY coalesce(campaign_action, '(none)'))
              FILTER (WHERE campaign_id IS NOT NULL), []) AS examples,
            count(*) FILTER (WHERE campaign_id IS NULL) AS no_campaign
     FROM out`,
    params,
  );
  // The send instant: the first `sent` event, else the first event of any action.
  await warehouse.run(
    `CREATE TABLE ${schema}.${SCRATCH.sends} AS
     SELECT campaign_id, audience_key,
            coalesce(min(ts) FILTER (WHERE action = 'sent'), min(ts)) AS send_at,
            bool_or(action = 'sent') AS has_sent
     FROM ${schema}.${SCRATCH.events}
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
       FROM ${schema}.${SCRATCH.events}
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
      clickUs: dayMicros(config.campaign.attribution.clickDays),
      openUs: dayMicros(config.campaign.attribution.openDays),
    },
  );
}

const firstOf = (action: string): string =>
  `min(ts) FILTER (WHERE action = '${action}') AS ${action}_at`;
const eventsOf = (action: string): string =>
  `count(*) FILTER (WHERE action = '${action}') AS ${action}_events`;

/**
 * `campaign_recipients`: one row per campaign × audience × channel × customer with the first
 * time of each action and how many events of each, the campaign × audience's send instant,
 * and whether the customer responded to the campaign (clicked it, or has an order attributed
 * to it). The CLV movement reads campaign_id, audience_key, customer_id, send_at, responder.
 */
export async function buildRecipients(warehouse: Warehouse, schema: string): Promise<void> {
  await warehouse.run(
    `CREATE TABLE ${schema}.${TABLE.campaignRecipients} AS
     WITH per_customer AS (
       SELECT campaign_id, audience_key, channel, customer_id,
              min(ts) AS first_event_at, max(ts) AS last_event_at,
              ${ACTIONS.map(firstOf).join(', ')},
              ${ACTIONS.map(eventsOf).join(', ')}
       FROM ${schema}.${SCRATCH.events}
       GROUP BY campaign_id, audience_key, channel, customer_id
     ),
     responders AS (
       SELECT DISTINCT campaign_id, customer_id FROM ${schema}.${SCRATCH.events}
       WHERE action = 'clicked'
       UNION
       SELECT DISTINCT campaign_id, customer_id FROM ${schema}.${TABLE.campaignAttributions}
     )
     SELECT p.campaign_id, p.audience_key, p.channel, p.customer_id,
            p.first_event_at, p.last_event_at,
            ${ACTIONS.map((a) => `p.${a}_at`).join(', ')},
            s.send_at,
            r.customer_id IS NOT NULL AS responder,
            ${ACTIONS.map((a) => `p.${a}_events`).join(', ')}
     FROM per_customer p
     JOIN ${schema}.${SCRATCH.sends} s USING (campaign_id, audience_key)
     LEFT JOIN responders r USING (campaign_id, customer_id)`,
  );
}
