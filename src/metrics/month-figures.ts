import type { Warehouse } from '../store/warehouse.js';
import { segmentCte, segmentsOf, withSegment, type Members } from './members.js';
import { EMPTY_FIGURES, type PeriodFigures } from './period-figures.js';
import { TABLE } from '../model/table-names.js';

/**
 * The figures of each calendar month as a period of its own, per segment, in one pass over
 * customer_months: sales of the month, buyers of the month before who bought again, and the
 * lifetime figures as of the month's end (cumulated over all history). `Map<segment, Map<month, PeriodFigures>>`.
 */
export async function monthFigures(
  warehouse: Warehouse,
  members: Members,
  months: readonly string[],
): Promise<Map<string, Map<string, PeriodFigures>>> {
  const result = new Map<string, Map<string, PeriodFigures>>();
  if (months.length === 0) return result;
  const rows = await warehouse.query<
    { segment: string; month: string } & Record<keyof PeriodFigures, number | null>
  >(
    `
    WITH wanted AS (SELECT CAST(unnest($months) AS DATE) AS month),
    -- Month figures come from customer_months: far fewer rows than orders.
    segment_months AS ${segmentCte(members)}(
      SELECT * FROM ${withSegment(TABLE.customerMonths, members)}
    ),
    sales AS (
      SELECT segment, month, sum(revenue) AS revenue, sum(orders) AS orders,
             count(*) FILTER (WHERE orders > 0) AS buyers, sum(canceled) AS canceled,
             sum(returned) AS returned
      FROM segment_months GROUP BY ALL
    ),
    -- A customer became a buyer in their first month with a successful order, and a repeat
    -- buyer in the month of their second successful order: the same month when it held two.
    earliest AS (
      SELECT segment, min(month, 2) AS months, ${warehouse.dialect.argMin('orders', 'month')} AS first_orders
      FROM segment_months WHERE orders > 0 GROUP BY segment, customer_id
    ),
    milestones AS (
      SELECT segment, month, sum(first) AS firsts, sum(second) AS seconds
      FROM (
        SELECT segment, months[1] AS month, 1 AS first, 0 AS second FROM earliest
        UNION ALL
        SELECT segment, CASE WHEN first_orders >= 2 THEN months[1] ELSE months[2] END, 0, 1
        FROM earliest WHERE first_orders >= 2 OR len(months) = 2
      )
      GROUP BY ALL
    ),
    buyer_months AS (SELECT segment, customer_id, month FROM segment_months WHERE orders > 0),
    retention AS (
      SELECT b.segment, CAST(b.month + INTERVAL 1 MONTH AS DATE) AS month,
             count(*) AS previous_buyers, count(n.customer_id) AS retained
      FROM buyer_months b
      LEFT JOIN buyer_months n ON n.segment = b.segment AND n.customer_id = b.customer_id
        AND n.month = CAST(b.month + INTERVAL 1 MONTH AS DATE)
      GROUP BY ALL
    ),
    spine AS (
      SELECT s.segment, CAST(g.m AS DATE) AS month
      FROM ${segmentsOf(members)} s,
           generate_series(
             least((SELECT min(month) FROM segment_months), (SELECT min(month) FROM wanted)),
             (SELECT max(month) FROM wanted), INTERVAL 1 MONTH) g(m)
    ),
    cumulative AS (
      SELECT spine.segment, spine.month,
             sum(coalesce(milestones.firsts, 0)) OVER w AS ever_buyers,
             sum(coalesce(milestones.seconds, 0)) OVER w AS repeat_buyers,
             sum(coalesce(sales.revenue, 0)) OVER w AS lifetime_revenue,
             milestones.firsts AS new_buyers
      FROM spine
      LEFT JOIN milestones USING (segment, month)
      LEFT JOIN sales USING (segment, month)
      WINDOW w AS (PARTITION BY spine.segment ORDER BY spine.month)
    )
    SELECT c.segment, c.month::VARCHAR AS month, s.revenue, s.orders, s.buyers, s.canceled,
           s.returned, c.new_buyers AS "newBuyers", r.retained, r.previous_buyers AS "previousBuyers",
           c.ever_buyers AS "everBuyers", c.repeat_buyers AS "repeatBuyers",
           c.lifetime_revenue AS "lifetimeRevenue"
    FROM cumulative c
    LEFT JOIN sales s USING (segment, month)
    LEFT JOIN retention r USING (segment, month)
    WHERE c.month IN (SELECT month FROM wanted)`,
    { months },
  );
  for (const row of rows) {
    const filled = { ...EMPTY_FIGURES };
    for (const key of Object.keys(EMPTY_FIGURES) as (keyof PeriodFigures)[]) {
      filled[key] = row[key] ?? 0;
    }
    const bySegment = result.get(row.segment) ?? new Map<string, PeriodFigures>();
    bySegment.set(row.month, filled);
    result.set(row.segment, bySegment);
  }
  return result;
}
