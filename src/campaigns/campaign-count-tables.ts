import type { Config } from '../config/schema.js';
import { TABLE } from '../model/table-names.js';
import type { Warehouse } from '../store/warehouse.js';
import { ACTIONS, type CampaignScratch } from './campaign-scratch.js';

const CUSTOMER_COUNTS = ACTIONS.map((a) => `count(${a}_at) AS ${a}`).join(', ');
const EVENT_COUNTS = ACTIONS.map(
  (a) => `coalesce(sum(events) FILTER (WHERE action = '${a}'), 0) AS ${a}_events`,
).join(', ');
const local = (column: string): string =>
  `CAST(timezone($timezone, timezone('UTC', ${column})) AS DATE)`;

/**
 * `campaign_funnel`: the funnel counts (distinct customers and events per action, recipients)
 * and the attributed orders and revenue, one row per campaign × audience × channel
 * (`level` 'channel') and one per campaign (`level` 'campaign', audience_key and channel NULL),
 * whose customer counts are distinct over its audiences and channels. Every row carries its
 * send instant (a campaign's: the earliest of its audiences'), its local day and its last event.
 */
export async function buildFunnel(
  warehouse: Warehouse,
  config: Config,
  schema: string,
  scratch: CampaignScratch,
): Promise<void> {
  const attributions = `${schema}.${TABLE.campaignAttributions}`;
  const rows = `${schema}.${TABLE.campaignRecipientRows}`;
  const keys = 'campaign_id, audience_key, channel';
  const actionList = ACTIONS.join(', ');
  const eventList = ACTIONS.map((a) => `${a}_events`).join(', ');
  await warehouse.run(
    `CREATE TABLE ${schema}.${TABLE.campaignFunnel} AS
     WITH by_key AS (
       SELECT k, ${CUSTOMER_COUNTS}, count(*) AS recipients FROM ${rows} GROUP BY k
     ),
     events AS (
       SELECT k, ${EVENT_COUNTS}, max(last_at) AS last_event_at
       FROM ${scratch.actions} WHERE k IS NOT NULL GROUP BY k
     ),
     fine AS MATERIALIZED (
       SELECT ${keys}, b.* EXCLUDE (k), e.* EXCLUDE (k), send_at
       FROM by_key b JOIN events e USING (k) JOIN ${scratch.keys} USING (k)
     ),
     -- A campaign's distinct customers need a pass over its recipients only when it went to
     -- more than one audience or channel; otherwise its one row is its total.
     multi AS (SELECT campaign_id FROM fine GROUP BY campaign_id HAVING count(*) > 1),
     multi_keys AS (SELECT k, campaign_id FROM ${scratch.keys} SEMI JOIN multi USING (campaign_id)),
     per_customer AS (
       SELECT campaign_id, customer_id, ${ACTIONS.map((a) => `min(${a}_at) AS ${a}_at`).join(', ')}
       FROM ${rows} JOIN multi_keys USING (k)
       GROUP BY campaign_id, customer_id
     ),
     whole_counts AS (
       SELECT campaign_id, ${actionList}, recipients FROM fine ANTI JOIN multi USING (campaign_id)
       UNION ALL
       SELECT campaign_id, ${CUSTOMER_COUNTS}, count(*) AS recipients
       FROM per_customer GROUP BY campaign_id
     ),
     whole AS (
       SELECT campaign_id, ${ACTIONS.map((a) => `sum(${a}_events) AS ${a}_events`).join(', ')},
              min(send_at) AS send_at, max(last_event_at) AS last_event_at
       FROM fine GROUP BY campaign_id
     ),
     fine_orders AS (
       SELECT ${keys}, count(*) AS orders, sum(amount) AS revenue
       FROM ${attributions} GROUP BY ${keys}
     ),
     whole_orders AS (
       SELECT campaign_id, count(*) AS orders, sum(amount) AS revenue
       FROM ${attributions} GROUP BY campaign_id
     ),
     rows AS (
       SELECT 'channel' AS level, ${keys}, ${actionList}, ${eventList}, recipients,
              coalesce(o.orders, 0) AS attributed_orders,
              coalesce(o.revenue, 0) AS attributed_revenue, send_at, last_event_at
       FROM fine LEFT JOIN fine_orders o USING (${keys})
       UNION ALL
       SELECT 'campaign', campaign_id, NULL, NULL, ${ACTIONS.map((a) => `c.${a}`).join(', ')},
              ${eventList}, c.recipients, coalesce(o.orders, 0), coalesce(o.revenue, 0),
              send_at, last_event_at
       FROM whole_counts c JOIN whole USING (campaign_id)
       LEFT JOIN whole_orders o USING (campaign_id)
     )
     SELECT level, ${keys},
            ${ACTIONS.map((a) => `${a}::BIGINT AS ${a}`).join(', ')},
            ${ACTIONS.map((a) => `${a}_events::BIGINT AS ${a}_events`).join(', ')},
            recipients::BIGINT AS recipients, attributed_orders::BIGINT AS attributed_orders,
            CAST(attributed_revenue AS DECIMAL(38, 9)) AS attributed_revenue,
            send_at, ${local('send_at')} AS send_day, last_event_at
     FROM rows`,
    { timezone: config.timezone },
  );
}

/**
 * `campaign_daily`: per campaign × audience × channel × local day, the customers whose first
 * event of each action (in that campaign × audience × channel) fell on that day, so that the
 * days add up to the funnel; and the attributed orders placed that day with their revenue.
 *
 * Converting every time to the project's zone costs more than the rest of the step together,
 * so the first actions are counted per 15-minute bucket of UTC and only the buckets are
 * converted: a bucket whose offset is the same at its first and last microsecond and whose
 * local day is the same at both ends lies within one local day; the rare others (a zone
 * change, an offset that is no multiple of 15 minutes) are converted time by time.
 */
export async function buildDaily(
  warehouse: Warehouse,
  config: Config,
  schema: string,
  scratch: CampaignScratch,
): Promise<void> {
  const end = `(b + INTERVAL 15 MINUTE - INTERVAL 1 MICROSECOND)`;
  await warehouse.run(
    `CREATE TABLE ${schema}.${TABLE.campaignDaily} AS
     WITH keyed AS (
       SELECT k, ${ACTIONS.map((a) => `${a}_at`).join(', ')}
       FROM ${schema}.${TABLE.campaignRecipientRows}
     ),
     -- One pass over the recipients: UNPIVOT leaves out the actions a customer never took;
     -- an action is named by its column ('sent_at') until the counts.
     firsts AS MATERIALIZED (
       SELECT k, action, ts, time_bucket(INTERVAL 15 MINUTE, ts) AS b
       FROM (UNPIVOT keyed ON ${ACTIONS.map((a) => `${a}_at`).join(', ')}
             INTO NAME action VALUE ts)
     ),
     per_bucket AS MATERIALIZED (
       SELECT k, action, b, count(*) AS n FROM firsts GROUP BY k, action, b
     ),
     buckets AS (
       SELECT b, timezone($timezone, timezone('UTC', b)) - b AS start_offset,
              timezone($timezone, timezone('UTC', ${end})) - ${end} AS end_offset
       FROM (SELECT DISTINCT b FROM per_bucket)
     ),
     whole AS (
       SELECT b, CAST(b + start_offset AS DATE) AS day FROM buckets
       WHERE start_offset = end_offset
         AND CAST(b + start_offset AS DATE) = CAST(${end} + start_offset AS DATE)
     ),
     by_day AS (
       SELECT p.k, p.action, w.day, p.n FROM per_bucket p JOIN whole w USING (b)
       UNION ALL
       SELECT f.k, f.action, ${local('f.ts')} AS day, 1 AS n
       FROM firsts f ANTI JOIN whole w USING (b)
     ),
     counts AS (
       SELECT campaign_id, audience_key, channel, day, c.* EXCLUDE (k, day)
       FROM (
         SELECT k, day,
                ${ACTIONS.map((a) => `coalesce(sum(n) FILTER (WHERE action = '${a}_at'), 0) AS ${a}`).join(', ')}
         FROM by_day GROUP BY k, day
       ) c JOIN ${scratch.keys} USING (k)
     ),
     orders_by_day AS (
       SELECT campaign_id, audience_key, channel, day, count(*) AS orders, sum(amount) AS revenue
       FROM ${schema}.${TABLE.campaignAttributions}
       GROUP BY campaign_id, audience_key, channel, day
     )
     SELECT campaign_id, audience_key, channel, day,
            ${ACTIONS.map((a) => `coalesce(c.${a}, 0)::BIGINT AS ${a}`).join(', ')},
            coalesce(o.orders, 0)::BIGINT AS attributed_orders,
            CAST(coalesce(o.revenue, 0) AS DECIMAL(38, 9)) AS attributed_revenue
     FROM counts c FULL JOIN orders_by_day o USING (campaign_id, audience_key, channel, day)`,
    { timezone: config.timezone },
  );
}
