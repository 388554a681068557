import type { Config } from '../../config/schema.js';
import type { Warehouse } from '../../store/warehouse.js';
import { resolveAsOf } from '../report-inputs.js';

export interface Cohort {
  /** YYYY-MM: the local month of its customers' first successful order. */
  cohort: string;
  customers: number;
  /** Per month offset k ≥ 0: the share of the cohort with a successful order in month k. */
  retention: number[];
  /** Per month offset k: revenue of the cohort in months 0..k, per cohort customer. */
  cumulativeRevenuePerCustomer: number[];
}

export interface CohortsReport {
  asOf: string;
  cohorts: Cohort[];
}

// Every cohort runs to the last month before asOf (the month holding asOf − 1 day), which can
// be a partial month; months where nobody bought still get a cell. Cohorts are never empty,
// so their size is a safe denominator.
const COHORTS_SQL = `
  WITH success AS (
    SELECT customer_id, CAST(date_trunc('month', ts_local) AS DATE) AS month,
           coalesce(amount, 0) AS amount
    FROM orders
    WHERE outcome = 'success' AND ts_local < $asOf::DATE
  ),
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
  SELECT strftime(cohort, '%Y-%m') AS cohort, customers, k,
         coalesce(buyers, 0) / customers AS retention,
         sum(coalesce(revenue, 0)) OVER (PARTITION BY cohort ORDER BY k) / customers
           AS cumulative_revenue
  FROM cells LEFT JOIN activity USING (cohort, k)
  ORDER BY cohort, k`;

/** Customers grouped by the month of their first successful order, followed month by month. */
export async function cohortsReport(
  warehouse: Warehouse,
  _config: Config,
  options: { to?: string } = {},
): Promise<CohortsReport> {
  const asOf = await resolveAsOf(warehouse, options.to);
  const rows = await warehouse.query<{
    cohort: string;
    customers: number;
    retention: number;
    cumulative_revenue: number;
  }>(COHORTS_SQL, { asOf });
  const cohorts: Cohort[] = [];
  for (const row of rows) {
    let current = cohorts.at(-1);
    if (current?.cohort !== row.cohort) {
      current = {
        cohort: row.cohort,
        customers: row.customers,
        retention: [],
        cumulativeRevenuePerCustomer: [],
      };
      cohorts.push(current);
    }
    current.retention.push(row.retention);
    current.cumulativeRevenuePerCustomer.push(row.cumulative_revenue);
  }
  return { asOf, cohorts };
}
