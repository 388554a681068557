import type { DerivedTable } from '../derived-table.js';
import { asOfDefault } from './as-of.js';
import { TABLE } from '../table-names.js';
import type { SqlDialect } from '../../store/sql-dialect.js';

export type DecileBasis = 'revenue' | 'predicted';

// By predicted CLV, from the predictions step's table: a buyer the model has no row for is
// valued at 0, so they rank last and every buyer is still counted.
const VALUE_SQL: Record<DecileBasis, string> = {
  revenue: `SELECT customer_id, revenue AS value FROM buyers`,
  predicted: `SELECT b.customer_id, coalesce(p.predicted_clv, 0) AS value
              FROM buyers b LEFT JOIN ${TABLE.customerPredictions} p USING (customer_id)`,
};

// NTILE(10) cuts n ranked customers into 10 groups whose sizes differ by at most one, the
// larger ones first. With fewer than 10 buyers it makes n deciles of one customer: only the
// deciles that hold someone come back, so the list can be shorter than 10.
export function decilesSql(by: DecileBasis, d: SqlDialect): string {
  return `
    WITH buyers AS (
      SELECT customer_id, sum(coalesce(amount, 0)) AS revenue
      FROM orders
      WHERE outcome = 'success' AND ts_local < $asOf::DATE
      GROUP BY customer_id
    ),
    valued AS (${VALUE_SQL[by]}),
    ranked AS (
      SELECT value, ntile(10) OVER (ORDER BY value DESC, ${d.inByteOrder('customer_id')}) AS decile
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

/** Revenue deciles as of the end of the default period (the latest order's month). */
export const deciles: DerivedTable = {
  name: TABLE.deciles,
  description:
    'per decile of buyers ranked by lifetime revenue (1 highest): customers, revenue, share, mean, min, max',
  dependsOn: [TABLE.orders],
  sql: (d) => asOfDefault(decilesSql('revenue', d)),
};
