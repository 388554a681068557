import type { Config } from '../../config/schema.js';
import { ClvError } from '../../shared/errors.js';
import type { Warehouse } from '../../store/warehouse.js';
import { resolveAsOf, tableExists } from '../report-inputs.js';

export type DecileBasis = 'revenue' | 'predicted';

// A type, not an interface, so that a query can return it as a row.
export type DecileRow = {
  decile: number;
  customers: number;
  /** Sum of the ranking value: lifetime revenue, or predicted CLV with `by: 'predicted'`. */
  revenue: number;
  /** The decile's part of the total; null when the total is 0. */
  share: number | null;
  mean: number;
  min: number;
  max: number;
};

export interface DecilesReport {
  asOf: string;
  by: DecileBasis;
  deciles: DecileRow[];
}

export interface DecilesOptions {
  to?: string;
  by?: DecileBasis;
}

// The table `clv predict` writes: one row per customer with their predicted CLV. A buyer the
// model has no row for is valued at 0, so they rank last and every buyer is still counted.
const PREDICTIONS = 'customer_predictions';

const VALUE_SQL: Record<DecileBasis, string> = {
  revenue: `SELECT customer_id, revenue AS value FROM buyers`,
  predicted: `SELECT b.customer_id, coalesce(p.predicted_clv, 0) AS value
              FROM buyers b LEFT JOIN ${PREDICTIONS} p USING (customer_id)`,
};

// NTILE(10) cuts n ranked customers into 10 groups whose sizes differ by at most one, the
// larger ones first. With fewer than 10 buyers it makes n deciles of one customer: only the
// deciles that hold someone come back, so the list can be shorter than 10.
function decilesSql(by: DecileBasis): string {
  return `
    WITH buyers AS (
      SELECT customer_id, sum(coalesce(amount, 0)) AS revenue
      FROM orders
      WHERE outcome = 'success' AND ts_local < $asOf::DATE
      GROUP BY customer_id
    ),
    valued AS (${VALUE_SQL[by]}),
    ranked AS (
      SELECT value, ntile(10) OVER (ORDER BY value DESC, customer_id COLLATE C) AS decile
      FROM valued
    ),
    total AS (SELECT sum(value) AS total FROM valued)
    SELECT decile, count(*) AS customers, sum(value) AS revenue,
           CASE WHEN total.total <> 0 THEN sum(value) / total.total END AS share,
           avg(value) AS mean, min(value) AS min, max(value) AS max
    FROM ranked CROSS JOIN total
    GROUP BY decile, total.total
    ORDER BY decile`;
}

/** Buyers before `asOf` in ten ranked groups by lifetime revenue or predicted CLV. */
export async function decilesReport(
  warehouse: Warehouse,
  _config: Config,
  options: DecilesOptions = {},
): Promise<DecilesReport> {
  const asOf = await resolveAsOf(warehouse, options.to);
  const by = options.by ?? 'revenue';
  if (by === 'predicted' && !(await tableExists(warehouse, PREDICTIONS))) {
    throw new ClvError('usage', 'no model is fitted yet: run clv predict first');
  }
  const deciles = await warehouse.query<DecileRow>(decilesSql(by), { asOf });
  return { asOf, by, deciles };
}
