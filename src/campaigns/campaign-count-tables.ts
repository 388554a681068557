import type { Config } from '../config/schema.js';
import { TABLE } from '../model/table-names.js';
import type { Warehouse } from '../store/warehouse.js';
import { ACTIONS, SCRATCH, actionParams, mappedEvents } from './campaign-touch-tables.js';

const CUSTOMER_COUNTS = ACTIONS.map((a) => `count(${a}_at) AS ${a}`).join(', ');
const EVENT_COUNTS = ACTIONS.map((a) => `count(*) FILTER (WHERE action = '${a}') AS ${a}_events`);
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
): Promise<void> {
  const recipients = `${schema}.${TABLE.campaignRecipients}`;
  const attributions = `${schema}.${TABLE.campaignAttributions}`;
  const keys = 'campaign_id, audience_key, channel';
  await warehouse.run(
    `CREATE TABLE ${schema}.${TABLE.campaignFunnel} AS
     WITH fine AS MATERIALIZED (
       SELECT ${keys}, ${CUSTOMER_COUNTS}, count(*) AS recipients,
              min(send_at) AS send_at, max(last_event_at) AS last_event_at
       FROM ${recipients} GROUP BY ${keys}
     ),
     events AS MATERIALIZED (
       SELECT ${keys}, c.* EXCLUDE (k)
       FROM (SELECT k, ${EVENT_COUNTS.join(', ')} FROM ${mappedEvents(schema)} GROUP BY k) c
       JOIN ${schema}.${SCRATCH.keys} USING (k)
     ),
     -- A campaign's distinct customers need a pass over its recipients only when it went to
     -- more than one audience or channel; otherwise its one row is its total.
     multi AS (SELECT campaign_id FROM fine GROUP BY campaign_id HAVING count(*) > 1),
     per_customer AS (
       SELECT campaign_id, customer_id,
              ${ACTIONS.map((a) => `min(${a}_at) AS ${a}_at`).join(', ')}
       FROM ${recipients} SEMI JOIN multi USING (campaign_id)
       GROUP BY campaign_id, customer_id
     ),
     whole_multi AS (
       SELECT campaign_id, ${CUSTOMER_COUNTS}, count(*) AS recipients
       FROM per_customer GROUP BY campaign_id
     ),
     whole AS (
       SELECT campaign_id, ${ACTIONS.join(', ')}, recipients
       FROM fine ANTI JOIN multi USING (campaign_id)
       UNION ALL
       SELECT * FROM whole_multi
     ),
     whole_rest AS (
       SELECT campaign_id, min(send_at) AS send_at, max(last_event_at) AS last_event_at
       FROM fine GROUP BY campaign_id
     ),
     whole_events AS (
       SELECT campaign_id, ${ACTIONS.map((a) => `sum(${a}_events) AS ${a}_events`).join(', ')}
       FROM events GROUP BY campaign_id
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
       SELECT 'channel' AS level, ${keys}, ${ACTIONS.map((a) => `f.${a}`).join(', ')},
              ${ACTIONS.map((a) => `e.${a}_events`).join(', ')}, f.recipients,
              coalesce(o.orders, 0) AS attributed_orders,
              coalesce(o.revenue, 0) AS attributed_revenue, f.send_at, f.last_event_at
       FROM fine f JOIN events e USING (${keys})
       LEFT JOIN fine_orders o USING (${keys})
       UNION ALL
       SELECT 'campaign', campaign_id, NULL, NULL, ${ACTIONS.map((a) => `w.${a}`).join(', ')},
              ${ACTIONS.map((a) => `e.${a}_events`).join(', ')}, w.recipients,
              coalesce(o.orders, 0), coalesce(o.revenue, 0), r.send_at, r.last_event_at
       FROM whole w JOIN whole_events e USING (campaign_id) JOIN whole_rest r USING (campaign_id)
       LEFT JOIN whole_orders o USING (campaign_id)
     )
     SELECT level, ${keys},
            ${ACTIONS.map((a) => `${a}::BIGINT AS ${a}`).join(', ')},
            ${ACTIONS.map((a) => `${a}_events::BIGINT AS ${a}_events`).join(', ')},
            recipients::BIGINT AS recipients, attributed_orders::BIGINT AS attributed_orders,
            CAST(attributed_revenue AS DECIMAL(38, 9)) AS attributed_revenue,
            send_at, ${local('send_at')} AS send_day, last_event_at
     FROM rows`,
    { ...actionParams(config), timezone: config.timezone },
  );
}

/**
 * `campaign_daily`: per campaign × audience × channel × local day, the customers whose first
 * event of each action (in that campaign × audience × channel) fell on that day, so that the
 * days add up to the funnel; and the attributed orders placed that day with their revenue.
 */
export async function buildDaily(
  warehouse: Warehouse,
  config: Config,
  schema: string,
): Promise<void> {
  const firsts = ACTIONS.map(
    (a) =>
      `SELECT campaign_id, audience_key, channel, ${local(`${a}_at`)} AS day, '${a}' AS action
       FROM ${schema}.${TABLE.campaignRecipients} WHERE ${a}_at IS NOT NULL`,
  );
  await warehouse.run(
    `CREATE TABLE ${schema}.${TABLE.campaignDaily} AS
     WITH firsts AS (${firsts.join(' UNION ALL ')}),
     counts AS (
       SELECT campaign_id, audience_key, channel, day,
              ${ACTIONS.map((a) => `count(*) FILTER (WHERE action = '${a}') AS ${a}`).join(', ')}
       FROM firsts GROUP BY campaign_id, audience_key, channel, day
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
