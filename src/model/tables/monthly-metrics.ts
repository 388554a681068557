import type { DerivedTable } from '../derived-table.js';

/**
 * Per calendar month from the first to the last month with a successful order. A customer is
 * active at instant t when they have a successful order in (t − W, t], that is when t lies in
 * [o, o + W) for one of their orders o; overlapping or touching windows merge into spells.
 * Month m runs from instant s to instant e (the next month's start).
 */
export const monthlyMetrics: DerivedTable = {
  name: 'monthly_metrics',
  description:
    "per month (first day, local): revenue, orders, buyers, new_buyers, active_start (active at its first instant), active_end (at the next month's first instant), churned, churn (churned / active_start), arpu (revenue / active_end)",
  dependsOn: ['orders', 'customer_summary'],
  sql: `
    WITH success AS (SELECT customer_id, ts, ts_local, amount FROM orders WHERE outcome = 'success'),
    months AS (
      SELECT CAST(m AS DATE) AS month, row_number() OVER (ORDER BY m) AS i,
             timezone('UTC', timezone($timezone, m)) AS starts,
             timezone('UTC', timezone($timezone, m + INTERVAL 1 MONTH)) AS ends
      FROM generate_series(
        (SELECT date_trunc('month', min(ts_local)) FROM success),
        (SELECT date_trunc('month', max(ts_local)) FROM success),
        INTERVAL 1 MONTH) g(m)
    ),
    ordered AS (
      SELECT customer_id, ts,
             lag(ts) OVER (PARTITION BY customer_id ORDER BY ts) AS previous
      FROM success
    ),
    spell_ids AS (
      SELECT customer_id, ts,
             sum(CASE WHEN previous IS NULL OR ts > previous + to_days(CAST($window AS INTEGER)) THEN 1 ELSE 0 END)
               OVER (PARTITION BY customer_id ORDER BY ts) AS spell
      FROM ordered
    ),
    spells AS (
      SELECT customer_id, min(ts) AS starts, max(ts) + to_days(CAST($window AS INTEGER)) AS ends
      FROM spell_ids GROUP BY customer_id, spell
    ),
    boundaries AS (
      SELECT i, starts AS instant FROM months
      UNION ALL SELECT max(i) + 1, max(ends) FROM months
    ),
    active AS (
      SELECT DISTINCT b.i, s.customer_id
      FROM boundaries b JOIN spells s ON s.starts <= b.instant AND b.instant < s.ends
    ),
    activity AS (
      SELECT m.month, m.i,
             (SELECT count(*) FROM active a WHERE a.i = m.i) AS active_start,
             (SELECT count(*) FROM active a WHERE a.i = m.i + 1) AS active_end
      FROM months m
    ),
    churned AS (
      SELECT a.i, count(*) AS churned
      FROM active a ANTI JOIN active b ON b.i = a.i + 1 AND b.customer_id = a.customer_id
      GROUP BY a.i
    ),
    sales AS (
      SELECT CAST(date_trunc('month', ts_local) AS DATE) AS month, sum(coalesce(amount, 0)) AS revenue,
             count(*) AS orders, count(DISTINCT customer_id) AS buyers
      FROM success GROUP BY 1
    ),
    newcomers AS (
      SELECT CAST(date_trunc('month', timezone($timezone, timezone('UTC', first_order_at))) AS DATE)
               AS month, count(*) AS new_buyers
      FROM customer_summary GROUP BY 1
    )
    SELECT activity.month,
           coalesce(sales.revenue, 0) AS revenue, coalesce(sales.orders, 0) AS orders,
           coalesce(sales.buyers, 0) AS buyers, coalesce(newcomers.new_buyers, 0) AS new_buyers,
           activity.active_start, activity.active_end,
           coalesce(churned.churned, 0) AS churned,
           CASE WHEN activity.active_start > 0
             THEN coalesce(churned.churned, 0) / activity.active_start END AS churn,
           CASE WHEN activity.active_end > 0
             THEN coalesce(sales.revenue, 0) / activity.active_end END AS arpu
    FROM activity
    LEFT JOIN sales USING (month)
    LEFT JOIN newcomers USING (month)
    LEFT JOIN churned USING (i)
    ORDER BY activity.month`,
  params: (config) => ({ timezone: config.timezone, window: config.churnWindowDays }),
};
