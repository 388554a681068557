import type { Config } from '../config/schema.js';
import { TABLE } from '../model/table-names.js';
import type { Warehouse } from '../store/warehouse.js';
import { ACTIONS, SCRATCH } from './campaign-touch-tables.js';

const customersWith = (action: string): string =>
  `count(DISTINCT customer_id) FILTER (WHERE ${action}_at IS NOT NULL) AS ${action}`;
const eventsSum = (action: string): string => `sum(${action}_events)::BIGINT AS ${action}_events`;
const COUNTS = [...ACTIONS.map(customersWith), ...ACTIONS.map(eventsSum)].join(', ');

/**
 * `campaign_funnel`: the funnel counts (distinct customers and events per action, recipients)
 * and the attributed orders and revenue, one row per campaign × audience × channel
 * (`level` 'channel') and one per campaign (`level` 'campaign', audience_key and channel NULL),
 * whose customer counts are distinct over its audiences and channels. The campaign rows carry
 * the first send (and its local day) and the last event.
 */
export async function buildFunnel(
  warehouse: Warehouse,
  config: Config,
  schema: string,
): Promise<void> {
  const recipients = `${schema}.${TABLE.campaignRecipients}`;
  const attributions = `${schema}.${TABLE.campaignAttributions}`;
  await warehouse.run(
    `CREATE TABLE ${schema}.${TABLE.campaignFunnel} AS
     WITH fine AS (
       SELECT campaign_id, audience_key, channel, ${COUNTS},
              count(*) AS recipients, min(send_at) AS send_at, max(last_event_at) AS last_event_at
       FROM ${recipients} GROUP BY campaign_id, audience_key, channel
     ),
     whole AS (
       SELECT campaign_id, NULL::VARCHAR AS audience_key, NULL::VARCHAR AS channel, ${COUNTS},
              count(DISTINCT customer_id) AS recipients,
              (SELECT min(s.send_at) FROM ${schema}.${SCRATCH.sends} s
               WHERE s.campaign_id = r.campaign_id) AS send_at,
              max(last_event_at) AS last_event_at
       FROM ${recipients} r GROUP BY campaign_id
     ),
     fine_orders AS (
       SELECT campaign_id, audience_key, channel, count(*) AS orders, sum(amount) AS revenue
       FROM ${attributions} GROUP BY campaign_id, audience_key, channel
     ),
     whole_orders AS (
       SELECT campaign_id, count(*) AS orders, sum(amount) AS revenue
       FROM ${attributions} GROUP BY campaign_id
     ),
     rows AS (
       SELECT 'channel' AS level, f.*, coalesce(o.orders, 0) AS attributed_orders,
              coalesce(o.revenue, 0) AS attributed_revenue
       FROM fine f LEFT JOIN fine_orders o USING (campaign_id, audience_key, channel)
       UNION ALL
       SELECT 'campaign' AS level, w.*, coalesce(o.orders, 0), coalesce(o.revenue, 0)
       FROM whole w LEFT JOIN whole_orders o USING (campaign_id)
     )
     SELECT level, campaign_id, audience_key, channel,
            ${ACTIONS.join(', ')}, ${ACTIONS.map((a) => `${a}_events`).join(', ')},
            recipients::BIGINT AS recipients, attributed_orders::BIGINT AS attributed_orders,
            CAST(attributed_revenue AS DECIMAL(38, 9)) AS attributed_revenue,
            send_at, CAST(timezone($timezone, timezone('UTC', send_at)) AS DATE) AS send_day,
            last_event_at
     FROM rows`,
    { timezone: config.timezone },
  );
}

/**
 * `campaign_daily`: per campaign × audience × channel × local day, the distinct customers with
 * each action that day, and the attributed orders placed that day with their revenue.
 */
export async function buildDaily(
  warehouse: Warehouse,
  config: Config,
  schema: string,
): Promise<void> {
  await warehouse.run(
    `CREATE TABLE ${schema}.${TABLE.campaignDaily} AS
     WITH distinct_actions AS (
       SELECT DISTINCT campaign_id, audience_key, channel,
              CAST(timezone($timezone, timezone('UTC', ts)) AS DATE) AS day, action, customer_id
       FROM ${schema}.${SCRATCH.events}
     ),
     counts AS (
       SELECT campaign_id, audience_key, channel, day,
              ${ACTIONS.map((a) => `count(*) FILTER (WHERE action = '${a}') AS ${a}`).join(', ')}
       FROM distinct_actions GROUP BY campaign_id, audience_key, channel, day
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
