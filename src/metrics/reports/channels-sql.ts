import type { SqlDialect } from '../../store/sql-dialect.js';
import { attributeValueSql } from '../attributes.js';

/** Every customer the store knows with their acquisition channel (`other` without one). */
export const CHANNEL_OF_SQL = `
    SELECT customer_id, coalesce(nullif(${attributeValueSql('c.attributes', 'attribute')}, ''), 'other') AS channel
    FROM (SELECT customer_id FROM known_customers) known LEFT JOIN customers c USING (customer_id)`;

/**
 * Per acquisition channel over [$from, $to): customers (every customer the store knows whose
 * attribute names the channel; without it, `other`), new_buyers (first successful order ever
 * in the period), buyers and revenue in the period, clv_historic (mean lifetime revenue before
 * $to of its buyers before $to), spend (NULL when the channel has no cost row in the period).
 * A channel shows up when it has customers or a cost row in the period. The channels come from
 * `members`, every known customer's channel as `segment` (what CHANNEL_OF_SQL gives): reading
 * the attributes cost more than the rest of the report at a million customers, so the report
 * reads them once, for this and for the churn.
 */
export const channelsSql = (members: string, d: SqlDialect): string => `
  WITH channel_of AS (SELECT customer_id, segment AS channel FROM ${members}),
  per_customer AS (
    SELECT customer_id,
           min(ts_local) AS first_order,
           count(*) FILTER (WHERE ts_local < $to::DATE) AS lifetime_orders,
           sum(coalesce(amount, 0)) FILTER (WHERE ts_local < $to::DATE) AS lifetime_revenue,
           count(*) FILTER (WHERE ts_local >= $from::DATE AND ts_local < $to::DATE) AS orders,
           sum(coalesce(amount, 0)) FILTER (WHERE ts_local >= $from::DATE AND ts_local < $to::DATE)
             AS revenue
    FROM orders
    WHERE outcome = 'success'
    GROUP BY customer_id
  ),
  by_channel AS (
    SELECT channel, count(*) AS customers,
           count(*) FILTER (WHERE first_order >= $from::DATE AND first_order < $to::DATE)
             AS new_buyers,
           count(*) FILTER (WHERE orders > 0) AS buyers,
           coalesce(sum(revenue), 0) AS revenue,
           avg(lifetime_revenue) FILTER (WHERE lifetime_orders > 0) AS clv_historic
    FROM channel_of LEFT JOIN per_customer USING (customer_id)
    GROUP BY channel
  ),
  spend AS (
    SELECT channel, sum(CAST(spend AS DECIMAL(38, 9))) AS spend
    FROM costs
    WHERE CAST(month || '-01' AS DATE) >= $from::DATE AND CAST(month || '-01' AS DATE) < $to::DATE
    GROUP BY channel
  )
  SELECT channel, coalesce(customers, 0) AS customers, coalesce(new_buyers, 0) AS new_buyers,
         coalesce(buyers, 0) AS buyers, coalesce(revenue, 0) AS revenue, clv_historic, spend
  FROM by_channel FULL JOIN spend USING (channel)
  ORDER BY ${d.inByteOrder('channel')}`;
