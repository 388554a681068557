import type { Config } from '../../config/schema.js';
import type { Warehouse } from '../../store/warehouse.js';
import { cohortsSqlAt } from '../../model/tables/cohorts.js';
import { resolveAsOfSource } from '../report-inputs.js';

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

/** Customers grouped by the month of their first successful order, followed month by month. */
export async function cohortsReport(
  warehouse: Warehouse,
  _config: Config,
  options: { to?: string } = {},
): Promise<CohortsReport> {
  const { asOf, derived } = await resolveAsOfSource(warehouse, options.to);
  const rows = await warehouse.query<{
    cohort: string;
    customers: number;
    retention: number;
    cumulative_revenue: number;
  }>(
    derived
      ? 'SELECT cohort, customers, k, retention, cumulative_revenue FROM cohorts ORDER BY cohort, k'
      : cohortsSqlAt(warehouse.dialect),
    derived ? {} : { asOf },
  );
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
