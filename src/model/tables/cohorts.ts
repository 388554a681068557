import type { DerivedTable } from '../derived-table.js';
import { asOfDefault } from './as-of.js';
import { TABLE } from '../table-names.js';
import type { SqlDialect } from '../../store/sql-dialect.js';

// Every cohort runs to the last month before asOf (the month holding asOf − 1 day), which can
// be a partial month; months where nobody bought still get a cell. Cohorts are never empty,
// so their size is a safe denominator.
export const cohortsSqlAt = (d: SqlDialect): string =>
  cohortsSql(
    d,
    `
    SELECT customer_id, CAST(date_trunc('month', ts_local) AS DATE) AS month,
           coalesce(amount, 0) AS amount
    FROM orders
    WHERE outcome = 'success' AND ts_local < $asOf::DATE`,
  );

/** The same successful purchases by month from customer_months, for a month's first day. */
const PURCHASE_MONTHS = `
    SELECT customer_id, month, revenue AS amount FROM customer_months
    WHERE orders > 0 AND month < $asOf::DATE`;

function cohortsSql(d: SqlDialect, success: string): string {
  return `
  WITH success AS (${success}),
  members AS (SELECT customer_id, min(month) AS cohort FROM success GROUP BY customer_id),
  sizes AS (SELECT cohort, count(*) AS customers FROM members GROUP BY cohort),
  activity AS (
    SELECT m.cohort, datediff('month', m.cohort, s.month) AS k,
           count(DISTINCT s.customer_id) AS buyers, sum(s.amount) AS revenue
    FROM success s JOIN members m USING (customer_id)
    GROUP BY 1, 2
  ),
  cells AS (
    SELECT cohort, customers,
           unnest(range(0, datediff('month', cohort, date_trunc('month', $asOf::DATE - 1)) + 1))
             AS k
    FROM sizes
  )
  SELECT ${d.monthLabel('cohort')} AS cohort, customers, k,
         coalesce(buyers, 0) / customers AS retention,
         sum(coalesce(revenue, 0)) OVER (PARTITION BY cohort ORDER BY k) / customers
           AS cumulative_revenue
  FROM cells LEFT JOIN activity USING (cohort, k)
  ORDER BY cohort, k`;
}

/** The cohort grid as of the end of the default period (the latest order's month). */
export const cohorts: DerivedTable = {
  name: TABLE.cohorts,
  description:
    'per cohort (month of the first successful order) and month offset k: customers, retention (share with a successful order in month k), cumulative_revenue (per cohort customer over months 0..k)',
  dependsOn: [TABLE.customerMonths, TABLE.orders],
  // The default date is a month's first day: whole months of customer_months are enough.
  sql: (d) => asOfDefault(cohortsSql(d, PURCHASE_MONTHS)),
};
