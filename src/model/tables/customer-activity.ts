import type { DerivedTable } from '../derived-table.js';
import { TABLE } from '../table-names.js';

/**
 * Which customers are active at the first instant of each calendar month (project zone). A
 * customer is active at instant t when they have a successful order in (t − W, t], that is
 * when t lies in [o, o + W) for one of their orders o; overlapping or touching windows merge
 * into spells. Months run from the first month with a successful order to the month after the
 * last one, so a month's end is the next month's start.
 */
export const customerActivity: DerivedTable = {
  name: TABLE.customerActivity,
  description:
    "per customer and month (first day, local): a row when the customer is active at the month's first instant",
  dependsOn: [TABLE.orders],
  sql: (d) => `
    WITH success AS (SELECT customer_id, ts, ts_local FROM orders WHERE outcome = 'success'),
    ordered AS (
      SELECT customer_id, ts, lag(ts) OVER (PARTITION BY customer_id ORDER BY ts) AS previous
      FROM success
    ),
    spell_ids AS (
      SELECT customer_id, ts,
             sum(CASE WHEN previous IS NULL OR ts > previous + ${d.days('$window')}
                 THEN 1 ELSE 0 END) OVER (PARTITION BY customer_id ORDER BY ts) AS spell
      FROM ordered
    ),
    spells AS (
      SELECT customer_id, min(ts) AS starts, max(ts) + ${d.days('$window')} AS ends
      FROM spell_ids GROUP BY customer_id, spell
    ),
    -- The month starts a spell covers, in local time: the first at or after its start, the
    -- last before its end (and none after the month following the last order).
    covered AS (
      SELECT customer_id,
             CASE WHEN date_trunc('month', starts_local) = starts_local THEN starts_local
                  ELSE date_trunc('month', starts_local) + INTERVAL 1 MONTH END AS first_month,
             least(date_trunc('month', ends_local - INTERVAL 1 MICROSECOND),
                   (SELECT date_trunc('month', max(ts_local)) + INTERVAL 1 MONTH FROM success))
               AS last_month
      FROM (
        SELECT customer_id, ${d.localTime('starts', '$timezone')} AS starts_local,
               ${d.localTime('ends', '$timezone')} AS ends_local
        FROM spells
      )
    ),
    -- Spells of a customer never overlap; the next one may begin at the month after.
    linked AS (
      SELECT *, lead(first_month) OVER (PARTITION BY customer_id ORDER BY first_month) AS next_first
      FROM covered WHERE first_month <= last_month
    ),
    months AS (
      SELECT customer_id,
             ${d.dayOf(`unnest(${d.monthsFrom('first_month', 'last_month')})`)} AS month,
             ${d.dayOf('last_month')} AS last_month, ${d.dayOf('next_first')} AS next_first
      FROM linked
    )
    SELECT customer_id, month,
           -- Cast: a comparison is a number 0 or 1 on some engines (ClickHouse).
           CAST(month < last_month
                OR coalesce(next_first = ${d.dayOf('month + INTERVAL 1 MONTH')}, false) AS BOOLEAN)
             AS active_next
    FROM months`,
  params: (config) => ({ timezone: config.timezone, window: config.churnWindowDays }),
};
