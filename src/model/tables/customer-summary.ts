import type { DerivedTable } from '../derived-table.js';

/**
 * One row per customer with at least one successful order, over all data: first and last
 * successful order, counts and lifetime revenue, and the whole-day summary the models use
 * (several orders on one local day are one purchase).
 */
export const customerSummary: DerivedTable = {
  name: 'customer_summary',
  description:
    'per buyer: first_order_at, last_order_at (UTC), first_day, last_day (local), orders, revenue, purchase_days, frequency (purchase days after the first), recency_days, repeat_revenue, monetary (mean value of a repeat purchase day)',
  dependsOn: ['orders'],
  sql: `
    WITH success AS (SELECT * FROM orders WHERE outcome = 'success'),
    days AS (
      SELECT customer_id, day, sum(coalesce(amount, 0)) AS value FROM success GROUP BY 1, 2
    ),
    per_day AS (
      SELECT customer_id, count(*) AS purchase_days, min(day) AS first_day, max(day) AS last_day,
             sum(value) FILTER (WHERE day > first_day) AS repeat_revenue
      FROM (SELECT *, min(day) OVER (PARTITION BY customer_id) AS first_day FROM days)
      GROUP BY customer_id
    ),
    per_order AS (
      SELECT customer_id, min(ts) AS first_order_at, max(ts) AS last_order_at,
             count(*) AS orders, sum(coalesce(amount, 0)) AS revenue
      FROM success GROUP BY customer_id
    )
    SELECT o.customer_id, o.first_order_at, o.last_order_at, d.first_day, d.last_day,
           o.orders, o.revenue, d.purchase_days, d.purchase_days - 1 AS frequency,
           d.last_day - d.first_day AS recency_days,
           coalesce(d.repeat_revenue, 0) AS repeat_revenue,
           CASE WHEN d.purchase_days > 1 THEN d.repeat_revenue / (d.purchase_days - 1) END
             AS monetary
    FROM per_order o JOIN per_day d USING (customer_id)`,
};
