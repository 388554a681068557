import type { DerivedTable } from '../derived-table.js';

/**
 * Which customers are active at the first instant of each calendar month (project zone). A
 * customer is active at instant t when they have a successful order in (t − W, t], that is
 * when t lies in [o, o + W) for one of their orders o; overlapping or touching windows merge
 * into spells. Months run from the first month with a successful order to the month after the
 * last one, so a month's end is the next month's start.
 */
export const customerActivity: DerivedTable = {
  name: 'customer_activity',
  description:
    "per customer and month (first day, local): a row when the customer is active at the month's first instant",
  dependsOn: ['orders'],
  sql: `
    WITH success AS (SELECT customer_id, ts, ts_local FROM orders WHERE outcome = 'success'),
    boundaries AS (
      SELECT CAST(m AS DATE) AS month, timezone('UTC', timezone($timezone, m)) AS instant
      FROM generate_series(
        (SELECT date_trunc('month', min(ts_local)) FROM success),
        (SELECT date_trunc('month', max(ts_local)) + INTERVAL 1 MONTH FROM success),
        INTERVAL 1 MONTH) g(m)
    ),
    ordered AS (
      SELECT customer_id, ts, lag(ts) OVER (PARTITION BY customer_id ORDER BY ts) AS previous
      FROM success
    ),
    spell_ids AS (
      SELECT customer_id, ts,
             sum(CASE WHEN previous IS NULL OR ts > previous + to_days(CAST($window AS INTEGER))
                 THEN 1 ELSE 0 END) OVER (PARTITION BY customer_id ORDER BY ts) AS spell
      FROM ordered
    ),
    spells AS (
      SELECT customer_id, min(ts) AS starts, max(ts) + to_days(CAST($window AS INTEGER)) AS ends
      FROM spell_ids GROUP BY customer_id, spell
    )
    -- Spells of a customer never overlap, so each (customer, month) comes once.
    , active AS (
      SELECT s.customer_id, b.month
      FROM boundaries b JOIN spells s ON s.starts <= b.instant AND b.instant < s.ends
    )
    SELECT customer_id, month,
           coalesce(lead(month) OVER (PARTITION BY customer_id ORDER BY month)
                      = CAST(month + INTERVAL 1 MONTH AS DATE), false) AS active_next
    FROM active`,
  params: (config) => ({ timezone: config.timezone, window: config.churnWindowDays }),
};
