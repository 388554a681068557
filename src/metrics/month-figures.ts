import type { Warehouse } from '../store/warehouse.js';
import { segmentsOf, withSegment, type Members } from './members.js';
import { EMPTY_FIGURES, type PeriodFigures } from './period-figures.js';

/**
 * The figures of each calendar month as a period of its own, per segment, in one pass: sales
 * of the month, buyers of the month before who bought again, and the lifetime figures as of
 * the month's end (cumulated over all history). `Map<segment, Map<month, PeriodFigures>>`.
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
    segment_orders AS (
      SELECT o.segment, o.customer_id, o.outcome, o.amount, o.ts_local, o.order_key,
             CAST(date_trunc('month', o.ts_local) AS DATE) AS month
      FROM ${withSegment('orders', members)} o
    ),
    sales AS (
      SELECT segment, month,
             sum(amount) FILTER (WHERE outcome = 'success') AS revenue,
             count(*) FILTER (WHERE outcome = 'success') AS orders,
             count(DISTINCT customer_id) FILTER (WHERE outcome = 'success') AS buyers,
             count(*) FILTER (WHERE outcome = 'canceled') AS canceled,
             count(*) FILTER (WHERE outcome = 'returned') AS returned
      FROM segment_orders GROUP BY ALL
    ),
    numbered AS (
      SELECT segment, customer_id, month,
             row_number() OVER (PARTITION BY customer_id ORDER BY ts_local, order_key) AS n
      FROM segment_orders WHERE outcome = 'success'
    ),
    milestones AS (
      SELECT segment, month, count(*) FILTER (WHERE n = 1) AS firsts,
             count(*) FILTER (WHERE n = 2) AS seconds
      FROM numbered WHERE n <= 2 GROUP BY ALL
    ),
    buyer_months AS (SELECT DISTINCT segment, customer_id, month FROM numbered),
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
             least((SELECT min(month) FROM segment_orders), (SELECT min(month) FROM wanted)),
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
