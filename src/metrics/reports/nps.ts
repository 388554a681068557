import type { Config } from '../../config/schema.js';
import type { Warehouse } from '../../store/warehouse.js';
import { ratio } from '../ratio.js';
import { resolveAsOf } from '../report-inputs.js';
import type { SqlDialect } from '../../store/sql-dialect.js';

export type NpsGroupName = 'promoters' | 'passives' | 'detractors';

export interface NpsGroup {
  group: NpsGroupName;
  customers: number;
  /** Mean lifetime revenue before asOf of the group's buyers; null when none bought. */
  clvHistoric: number | null;
  /** Revenue / orders of the group's successful orders before asOf. */
  apv: number | null;
  /**
   * Of the group's customers who bought in [asOf − 24 months, asOf − 12 months), the share
   * who bought again in [asOf − 12 months, asOf); null when none bought in the first year.
   */
  retentionRate: number | null;
}

export interface NpsReport {
  asOf: string;
  /** (promoters − detractors) / respondents × 100; null without respondents. */
  nps: number | null;
  respondents: number;
  groups: NpsGroup[];
}

// Each customer counts with their latest survey score before asOf (local time); answers at
// the same instant are ordered by import, the later winning, as orders and consents are.
// Scores are 0-10; one that is not whole still falls in the band below the next (8.5 is a
// passive).
const npsSql = (d: SqlDialect): string => `
  WITH answers AS (
    SELECT customer_id,
           ${d.argMax('survey_score', 'struct_pack(ts := ts, import_id := import_id, source_line := source_line)')}
             AS score
    FROM events
    WHERE kind = 'survey' AND survey_score IS NOT NULL
      AND timezone($timezone, timezone('UTC', ts)) < $asOf::DATE
    GROUP BY customer_id
  ),
  respondents AS (
    SELECT customer_id,
           CASE WHEN score >= 9 THEN 'promoters' WHEN score >= 7 THEN 'passives'
                ELSE 'detractors' END AS grp
    FROM answers
  ),
  buying AS (
    SELECT customer_id, count(*) AS orders, sum(coalesce(amount, 0)) AS revenue,
           count(*) FILTER (WHERE ts_local >= $asOf::DATE - INTERVAL 24 MONTH
                              AND ts_local < $asOf::DATE - INTERVAL 12 MONTH) AS earlier,
           count(*) FILTER (WHERE ts_local >= $asOf::DATE - INTERVAL 12 MONTH) AS recent
    FROM orders
    -- The respondents' orders only: summing every buyer's cost a third more at a million.
    WHERE outcome = 'success' AND ts_local < $asOf::DATE
      AND customer_id IN (SELECT customer_id FROM answers)
    GROUP BY customer_id
  )
  SELECT grp, count(*) AS customers, avg(revenue) AS clv_historic,
         coalesce(sum(revenue), 0) AS revenue, coalesce(sum(orders), 0) AS orders,
         count(*) FILTER (WHERE earlier > 0) AS earlier_buyers,
         count(*) FILTER (WHERE earlier > 0 AND recent > 0) AS retained
  FROM respondents LEFT JOIN buying USING (customer_id)
  GROUP BY grp`;

const GROUPS: readonly NpsGroupName[] = ['promoters', 'passives', 'detractors'];

/** Net promoter score from each customer's latest answer, and what each group is worth. */
export async function npsReport(
  warehouse: Warehouse,
  config: Config,
  options: { to?: string } = {},
): Promise<NpsReport> {
  const asOf = await resolveAsOf(warehouse, options.to);
  const rows = await warehouse.query<{
    grp: NpsGroupName;
    customers: number;
    clv_historic: number | null;
    revenue: number;
    orders: number;
    earlier_buyers: number;
    retained: number;
  }>(npsSql(warehouse.dialect), { asOf, timezone: config.timezone });
  const groups = GROUPS.map((group): NpsGroup => {
    const row = rows.find((r) => r.grp === group);
    return {
      group,
      customers: row?.customers ?? 0,
      clvHistoric: row?.clv_historic ?? null,
      apv: ratio(row?.revenue ?? 0, row?.orders ?? 0),
      retentionRate: ratio(row?.retained ?? 0, row?.earlier_buyers ?? 0),
    };
  });
  const count = (name: NpsGroupName): number =>
    groups.find((g) => g.group === name)?.customers ?? 0;
  const respondents = groups.reduce((n, g) => n + g.customers, 0);
  const nps = ratio((count('promoters') - count('detractors')) * 100, respondents);
  return { asOf, nps, respondents, groups };
}
