import type { Config } from '../../config/schema.js';
import type { Warehouse } from '../../store/warehouse.js';
import { ratio } from '../ratio.js';
import { resolveAsOf } from '../report-inputs.js';
import { inRfmGroup, rfmGroups } from './rfm-groups.js';

export interface RfmGroupRow {
  group: string;
  rule: string;
  customers: number;
  /** The group's part of the buyers before asOf; null when there are none. */
  share: number | null;
  revenue: number;
  meanRecencyDays: number | null;
  meanFrequency: number | null;
  meanMonetary: number | null;
}

export interface RfmReport {
  asOf: string;
  groups: RfmGroupRow[];
  /** Customers per (R, F) cell, every one of the 25 cells, best first. */
  scores: { r: number; f: number; customers: number }[];
}

/**
 * Per buyer before asOf: recency_days (from the last successful order's local day to the last
 * day before asOf), frequency (successful orders), monetary (their revenue) and the scores r,
 * f, m. Each score is a quintile: NTILE(5) over the buyers ranked best first, ties by customer
 * id in byte order, so equal values can fall into neighbouring scores and the result is
 * deterministic; 5 is the best fifth (and, as with deciles, the first fifths are the larger).
 */
export const RFM_SCORES_SQL = `
  WITH buyers AS (
    SELECT customer_id, ($asOf::DATE - 1) - max(day) AS recency_days,
           count(*) AS frequency, sum(coalesce(amount, 0)) AS monetary
    FROM orders
    WHERE outcome = 'success' AND ts_local < $asOf::DATE
    GROUP BY customer_id
  )
  SELECT *,
         6 - ntile(5) OVER (ORDER BY recency_days, customer_id COLLATE C) AS r,
         6 - ntile(5) OVER (ORDER BY frequency DESC, customer_id COLLATE C) AS f,
         6 - ntile(5) OVER (ORDER BY monetary DESC, customer_id COLLATE C) AS m
  FROM buyers`;

const CELLS_SQL = `
  SELECT r, f, count(*) AS customers, sum(monetary) AS revenue,
         sum(recency_days) AS recency_days, sum(frequency) AS frequency
  FROM (${RFM_SCORES_SQL})
  GROUP BY r, f`;

// Sums over the buyers of one (R, F) cell of the grid.
type Cell = {
  r: number;
  f: number;
  customers: number;
  revenue: number;
  recency_days: number;
  frequency: number;
};

/** Buyers before `asOf` scored by recency, frequency and monetary value, and their groups. */
export async function rfmReport(
  warehouse: Warehouse,
  _config: Config,
  options: { to?: string } = {},
): Promise<RfmReport> {
  const asOf = await resolveAsOf(warehouse, options.to);
  const rows = await warehouse.query<Cell>(CELLS_SQL, { asOf });
  const buyers = rows.reduce((n, row) => n + row.customers, 0);
  const groups = rfmGroups.map((group): RfmGroupRow => {
    const members = rows.filter((row) => inRfmGroup(group, row.r, row.f));
    const sum = (pick: (row: Cell) => number): number =>
      members.reduce((n, row) => n + pick(row), 0);
    const customers = sum((row) => row.customers);
    const revenue = sum((row) => row.revenue);
    return {
      group: group.group,
      rule: group.rule,
      customers,
      share: ratio(customers, buyers),
      revenue,
      meanRecencyDays: ratio(
        sum((row) => row.recency_days),
        customers,
      ),
      meanFrequency: ratio(
        sum((row) => row.frequency),
        customers,
      ),
      meanMonetary: ratio(revenue, customers),
    };
  });
  const count = (r: number, f: number): number =>
    rows.find((row) => row.r === r && row.f === f)?.customers ?? 0;
  const scores = [5, 4, 3, 2, 1].flatMap((r) =>
    [5, 4, 3, 2, 1].map((f) => ({ r, f, customers: count(r, f) })),
  );
  return { asOf, groups, scores };
}
