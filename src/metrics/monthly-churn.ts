import type { SqlParams, Warehouse } from '../store/warehouse.js';
import { shiftMonth } from './dates.js';
import { segmentsOf, withSegment, type Members } from './members.js';
import { mean } from './ratio.js';
import { TABLE } from '../model/table-names.js';
import type { SqlDialect } from '../store/sql-dialect.js';

/** Month-by-month churn and ARPU of a segment, and their means over the months that have them. */
export interface ChurnFigures {
  months: { month: string; churn: number | null; arpu: number | null }[];
  meanChurn: number | null;
  meanArpu: number | null;
}

/**
 * The 12 calendar months ending with the last full month inside [from, to), as first days of
 * months; empty when no whole month fits in the period.
 */
export function rollingMonths(from: string, to: string): string[] {
  // Whether or not `to` is a month's first day, the month before its month is the last that
  // ends by `to`.
  const last = shiftMonth(to, -1);
  if (last < from) return [];
  return Array.from({ length: 12 }, (_, i) => shiftMonth(last, i - 11));
}

const EVERYONE_SQL = `
  SELECT 'all' AS segment, w.month::VARCHAR AS month,
         coalesce(m.active_start, 0) AS active_start, coalesce(m.churned, 0) AS churned,
         coalesce(m.active_end, 0) AS active_end, coalesce(m.revenue, 0) AS revenue
  FROM (SELECT CAST(unnest($months) AS DATE) AS month) w
  LEFT JOIN monthly_metrics m USING (month)
  WHERE w.month <= (SELECT max(month) FROM monthly_metrics)
  ORDER BY w.month`;

/**
 * The activity rows of the wanted months and of the months after them, chosen before the join
 * to the members (as are the orders by the bounds of their dates): filtered after it, by
 * subqueries, the join took every row (0.93 against 0.81 s at a million customers).
 */
const wantedActivity = (d: SqlDialect): string => `(SELECT * FROM ${TABLE.customerActivity}
  WHERE ${d.listContains('$wanted::DATE[]', 'month')})`;

const segmentedSql = (members: string, d: SqlDialect): string => `
    WITH months AS (SELECT CAST(unnest($months) AS DATE) AS month),
    -- Months after the last with a successful order have no end inside the data: like the
    -- figures for everyone (monthly_metrics), they are left out.
    grid AS (
      SELECT month, segment FROM months, ${segmentsOf(members)}
      WHERE month <= (SELECT max(month) FROM monthly_metrics)
    ),
    -- Customers active at the start of a wanted month, or at its end (the next month's start),
    -- counted per month in one pass: a month's count is the start of its own and the end of
    -- the month before. Keeping the millions of rows to count them twice cost more.
    per_month AS (
      SELECT a.month, a.segment, count(*) AS active,
             count(*) FILTER (WHERE NOT a.active_next) AS churned
      FROM ${withSegment(wantedActivity(d), members)} a
      GROUP BY ALL
    ),
    starts AS (SELECT month, segment, active AS active_start, churned FROM per_month),
    ends AS (
      SELECT CAST(month - INTERVAL 1 MONTH AS DATE) AS month, segment, active AS active_end
      FROM per_month
    ),
    -- Only the wanted months' sales are read: the grid has no others.
    sales AS (
      SELECT CAST(date_trunc('month', o.ts_local) AS DATE) AS month, o.segment,
             sum(coalesce(o.amount, 0)) AS revenue
      FROM ${withSegment(TABLE.orders, members)} o
      WHERE o.outcome = 'success'
        AND o.ts_local >= $salesFrom::TIMESTAMP AND o.ts_local < $salesTo::TIMESTAMP
      GROUP BY ALL
    )
    SELECT grid.segment, grid.month::VARCHAR AS month,
           coalesce(starts.active_start, 0) AS active_start, coalesce(starts.churned, 0) AS churned,
           coalesce(ends.active_end, 0) AS active_end, coalesce(sales.revenue, 0) AS revenue
    FROM grid
    LEFT JOIN starts USING (month, segment)
    LEFT JOIN ends USING (month, segment)
    LEFT JOIN sales USING (month, segment)
    ORDER BY grid.segment, grid.month`;

/**
 * Monthly churn (of customers active at a month's first instant, the share not active at the
 * next month's) and ARPU (the month's revenue over customers active at its end) per segment,
 * for the given months. A month with a zero denominator is left out of the means.
 */
export async function monthlyChurn(
  warehouse: Warehouse,
  members: Members,
  months: readonly string[],
): Promise<Map<string, ChurnFigures>> {
  const result = new Map<string, ChurnFigures>();
  if (months.length === 0) return result;
  // For everyone, monthly_metrics holds these counts already; segments count their own.
  const sorted = [...months].sort();
  const after = (month: string): string => shiftMonth(month, 1);
  const params: SqlParams =
    members === null
      ? { months }
      : {
          months,
          wanted: [...new Set([...months, ...months.map(after)])],
          salesFrom: sorted[0] ?? '',
          salesTo: after(sorted.at(-1) ?? ''),
        };
  const sql = members === null ? EVERYONE_SQL : segmentedSql(members, warehouse.dialect);
  const rows = await warehouse.query<{
    segment: string;
    month: string;
    active_start: number;
    churned: number;
    active_end: number;
    revenue: number;
  }>(sql, params);
  for (const row of rows) {
    const figures = result.get(row.segment) ?? { months: [], meanChurn: null, meanArpu: null };
    figures.months.push({
      month: row.month,
      churn: row.active_start > 0 ? row.churned / row.active_start : null,
      arpu: row.active_end > 0 ? row.revenue / row.active_end : null,
    });
    result.set(row.segment, figures);
  }
  for (const figures of result.values()) {
    figures.meanChurn = mean(figures.months.flatMap((m) => (m.churn === null ? [] : [m.churn])));
    figures.meanArpu = mean(figures.months.flatMap((m) => (m.arpu === null ? [] : [m.arpu])));
  }
  return result;
}

/** The means of churn and ARPU over some of the months of `figures` (the rolling window). */
export function meansOver(
  figures: ChurnFigures | undefined,
  months: readonly string[],
): ChurnFigures {
  const wanted = new Set(months);
  const inWindow = (figures?.months ?? []).filter((m) => wanted.has(m.month));
  return {
    months: inWindow,
    meanChurn: mean(inWindow.flatMap((m) => (m.churn === null ? [] : [m.churn]))),
    meanArpu: mean(inWindow.flatMap((m) => (m.arpu === null ? [] : [m.arpu]))),
  };
}
