import type { DerivedTable } from '../derived-table.js';
import { asOfDefault } from './as-of.js';
import { TABLE } from '../table-names.js';
import type { SqlDialect } from '../../store/sql-dialect.js';

/**
 * Per buyer before asOf: recency_days (from the last successful order's local day to the last
 * day before asOf), frequency (successful orders), monetary (their revenue) and the scores r,
 * f, m. Each score is a quintile: NTILE(5) over the buyers ranked best first, ties by customer
 * id in byte order, so equal values can fall into neighbouring scores and the result is
 * deterministic; 5 is the best fifth (and, as with deciles, the first fifths are the larger).
 */
export const rfmScoresSql = (d: SqlDialect): string =>
  rfmSql(
    d,
    `
    SELECT customer_id, ${d.daysBetween('($asOf::DATE - 1)', 'max(day)')} AS recency_days,
           count(*) AS frequency, sum(coalesce(amount, 0)) AS monetary
    FROM orders
    WHERE outcome = 'success' AND ts_local < $asOf::DATE
    GROUP BY customer_id`,
  );

/** The same buyers from customer_months, for a date that is a month's first day. */
const buyersByMonth = (d: SqlDialect): string => `
    SELECT customer_id, ${d.daysBetween('($asOf::DATE - 1)', 'max(last_day)')} AS recency_days,
           sum(orders) AS frequency, sum(revenue) AS monetary
    FROM customer_months
    WHERE orders > 0 AND month < $asOf::DATE
    GROUP BY customer_id`;

function rfmSql(d: SqlDialect, buyers: string): string {
  const id = d.inByteOrder('customer_id');
  return `
  WITH buyers AS (${buyers})
  SELECT *,
         6 - ntile(5) OVER (ORDER BY recency_days, ${id}) AS r,
         6 - ntile(5) OVER (ORDER BY frequency DESC, ${id}) AS f,
         6 - ntile(5) OVER (ORDER BY monetary DESC, ${id}) AS m
  FROM buyers`;
}

/** RFM scores of every buyer as of the end of the default period (the latest order's month). */
export const rfm: DerivedTable = {
  name: TABLE.rfm,
  description:
    'per buyer: recency_days, frequency, monetary, and their scores r, f, m from 1 to 5 (5 best)',
  dependsOn: [TABLE.customerMonths, TABLE.orders],
  // The default date is a month's first day: whole months of customer_months are enough.
  sql: (d) => asOfDefault(rfmSql(d, buyersByMonth(d))),
};
