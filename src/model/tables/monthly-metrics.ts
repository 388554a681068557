import type { DerivedTable } from '../derived-table.js';
import { TABLE } from '../table-names.js';

/**
 * Per calendar month from the first to the last month with a successful order, for all
 * customers: sales, activity at the month's start and end (see customer_activity), churn and
 * ARPU. Segments compute the same figures from customer_activity for their own customers.
 */
export const monthlyMetrics: DerivedTable = {
  name: TABLE.monthlyMetrics,
  description:
    "per month (first day, local): revenue, orders, buyers, new_buyers, active_start (active at its first instant), active_end (at the next month's first instant), churned, churn (churned / active_start), arpu (revenue / active_end)",
  dependsOn: [TABLE.orders, TABLE.customerSummary, TABLE.customerActivity],
  sql: (d) => `
    WITH bounds AS (
      SELECT date_trunc('month', min(ts_local)) AS first, date_trunc('month', max(ts_local)) AS last
      FROM orders WHERE outcome = 'success'
    ),
    months AS (
      SELECT ${d.dayOf(`unnest(${d.monthsFrom('first', 'last')})`)} AS month FROM bounds
    ),
    activity AS (
      SELECT month, count(*) AS active_start, count(*) FILTER (WHERE NOT active_next) AS churned
      FROM customer_activity GROUP BY month
    ),
    ends AS (
      SELECT ${d.dayOf('month - INTERVAL 1 MONTH')} AS month, count(*) AS active_end
      FROM customer_activity GROUP BY month
    ),
    sales AS (
      SELECT ${d.dayOf("date_trunc('month', ts_local)")} AS month,
             sum(coalesce(amount, 0)) AS revenue, count(*) AS orders,
             count(DISTINCT customer_id) AS buyers
      FROM orders WHERE outcome = 'success' GROUP BY 1
    ),
    newcomers AS (
      SELECT ${d.dayOf(`date_trunc('month', ${d.localTime('first_order_at', '$timezone')})`)}
               AS month, count(*) AS new_buyers
      FROM customer_summary GROUP BY 1
    )
    SELECT months.month,
           coalesce(sales.revenue, 0) AS revenue, coalesce(sales.orders, 0) AS orders,
           coalesce(sales.buyers, 0) AS buyers, coalesce(newcomers.new_buyers, 0) AS new_buyers,
           coalesce(activity.active_start, 0) AS active_start,
           coalesce(ends.active_end, 0) AS active_end,
           coalesce(activity.churned, 0) AS churned,
           CASE WHEN activity.active_start > 0 THEN activity.churned / activity.active_start END
             AS churn,
           CASE WHEN ends.active_end > 0 THEN coalesce(sales.revenue, 0) / ends.active_end END
             AS arpu
    FROM months
    LEFT JOIN activity USING (month)
    LEFT JOIN ends USING (month)
    LEFT JOIN sales USING (month)
    LEFT JOIN newcomers USING (month)
    ORDER BY months.month`,
  params: (config) => ({ timezone: config.timezone }),
};
