import type { Warehouse } from '../store/warehouse.js';
import { hasFeatures } from './audience-rule.js';
import { ISO_MS } from './audience-store.js';

/** An audience's size, change and value as its evaluations left them. */
export interface AudienceFigures {
  /** Current members; null before its first successful evaluation. */
  members: number | null;
  /** Entries and exits since the latest refresh evaluation (included); null before one. */
  entered: number | null;
  exited: number | null;
  /** Sums over the current members; null when not evaluated (predicted: also without predictions). */
  revenue: number | null;
  historicClv: number | null;
  predictedClv: number | null;
  lastEvaluatedAt: string | null;
  /** Why the latest evaluation failed; null when it did not. */
  error: string | null;
}

/** The figures of an audience not evaluated yet. */
export const NO_FIGURES: AudienceFigures = {
  members: null,
  entered: null,
  exited: null,
  revenue: null,
  historicClv: null,
  predictedClv: null,
  lastEvaluatedAt: null,
  error: null,
};

type FigureRow = Record<string, string | number | boolean | null> & {
  id: string;
  evaluated: boolean;
  members: number;
  entered: number | null;
  exited: number | null;
  revenue: number | null;
  historic_clv: number | null;
  predicted_clv: number | null;
  last_at: string | null;
  error: string | null;
};

/** The figures of each audience in `ids`, read in one query. */
export async function audienceFigures(
  warehouse: Warehouse,
  ids: readonly string[],
): Promise<Map<string, AudienceFigures>> {
  if (ids.length === 0) return new Map();
  const features = await hasFeatures(warehouse);
  // Sums need the refreshed features; before the first refresh only the counts are known.
  const sums = features
    ? `sum(f.revenue) AS revenue, sum(f.historic_clv) AS historic_clv, sum(f.predicted_clv) AS predicted_clv`
    : `NULL::DOUBLE AS revenue, NULL::DOUBLE AS historic_clv, NULL::DOUBLE AS predicted_clv`;
  const join = features ? 'LEFT JOIN customer_features f USING (customer_id)' : '';
  const rows = await warehouse.query<FigureRow>(
    `WITH ev AS (
       SELECT *, row_number() OVER (PARTITION BY audience_id ORDER BY evaluated_at DESC) AS n
       FROM audience_evaluations WHERE ${warehouse.dialect.listContains('$ids', 'audience_id')}
     ),
     latest AS (
       SELECT audience_id,
              max(evaluated_at) AS last_at,
              ${warehouse.dialect.anyTrue('error IS NULL')} AS evaluated,
              max(evaluated_at) FILTER (WHERE source = 'refresh' AND error IS NULL) AS last_refresh,
              max(error) FILTER (WHERE n = 1) AS error
       FROM ev GROUP BY audience_id
     ),
     changes AS (
       SELECT ev.audience_id, sum(ev.entered) AS entered, sum(ev.exited) AS exited
       FROM ev JOIN latest USING (audience_id)
       WHERE ev.error IS NULL AND ev.evaluated_at >= latest.last_refresh
       GROUP BY ev.audience_id
     ),
     current AS (
       SELECT m.audience_id, count(*) AS members, ${sums}
       FROM audience_members m ${join}
       WHERE m.exited_at IS NULL AND ${warehouse.dialect.listContains('$ids', 'm.audience_id')}
       GROUP BY m.audience_id
     )
     SELECT latest.audience_id AS id, latest.evaluated,
            coalesce(current.members, 0) AS members,
            changes.entered::BIGINT AS entered, changes.exited::BIGINT AS exited,
            coalesce(current.revenue, 0) AS revenue,
            coalesce(current.historic_clv, 0) AS historic_clv,
            current.predicted_clv,
            strftime(latest.last_at, ${ISO_MS}) AS last_at, latest.error
     FROM latest LEFT JOIN changes USING (audience_id) LEFT JOIN current USING (audience_id)`,
    { ids },
  );
  const figures = new Map<string, AudienceFigures>();
  for (const id of ids) figures.set(id, NO_FIGURES);
  for (const row of rows) {
    const evaluated = row.evaluated;
    figures.set(row.id, {
      members: evaluated ? row.members : null,
      entered: row.entered,
      exited: row.exited,
      revenue: evaluated && features ? row.revenue : null,
      historicClv: evaluated && features ? row.historic_clv : null,
      predictedClv: evaluated && features ? row.predicted_clv : null,
      lastEvaluatedAt: row.last_at,
      error: row.error,
    });
  }
  return figures;
}
