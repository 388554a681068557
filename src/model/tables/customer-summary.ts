import type { DerivedTable } from '../derived-table.js';
import { TABLE } from '../table-names.js';
import { perCustomerOverOrders } from './per-customer-rule.js';

/**
 * One row per customer with at least one successful order, over all data: first and last
 * successful order, counts and lifetime revenue, and the whole-day summary the models use
 * (several orders on one local day are one purchase).
 */
export const customerSummary: DerivedTable = {
  name: TABLE.customerSummary,
  description:
    'per buyer: first_order_at, last_order_at (UTC), first_day, last_day (local), orders, revenue, purchase_days, frequency (purchase days after the first), recency_days, repeat_revenue, monetary (mean value of a repeat purchase day)',
  dependsOn: [TABLE.orders],
  incremental: perCustomerOverOrders,
  sql: (d) => `
    WITH days AS (
      SELECT customer_id, day, sum(coalesce(amount, 0)) AS value, count(*) AS orders,
             min(ts) AS first_at, max(ts) AS last_at
      FROM orders WHERE outcome = 'success'
      GROUP BY customer_id, day
    )
    SELECT customer_id, min(first_at) AS first_order_at, max(last_at) AS last_order_at,
           min(day) AS first_day, max(day) AS last_day, sum(orders) AS orders,
           sum(value) AS revenue, count(*) AS purchase_days, count(*) - 1 AS frequency,
           ${d.daysBetween('max(day)', 'min(day)')} AS recency_days,
           -- Repeat purchases are the days after the first.
           sum(value) - ${d.argMin('value', 'day')} AS repeat_revenue,
           CASE WHEN count(*) > 1 THEN (sum(value) - ${d.argMin('value', 'day')}) / (count(*) - 1) END
             AS monetary
    FROM days
    GROUP BY customer_id`,
};
