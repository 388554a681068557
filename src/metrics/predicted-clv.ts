import type { Warehouse } from '../store/warehouse.js';
import { withSegment, type Members } from './members.js';
import { tableExists } from '../model/store-state.js';
import { TABLE } from '../model/table-names.js';

/**
 * Mean predicted CLV per segment over the customers with a prediction (`customer_predictions`,
 * written by refresh). Predictions describe the customers as of the latest data, whatever the
 * period asked for. Empty when the store has no predictions (refreshed before models existed,
 * or the model could not be fitted).
 */
export async function predictedClv(
  warehouse: Warehouse,
  members: Members,
): Promise<Map<string, number | null>> {
  if (!(await tableExists(warehouse, TABLE.customerPredictions))) return new Map();
  const rows = await warehouse.query<{ segment: string; clv: number | null }>(
    // Summed as decimals, which add exactly, so the figure is the same on every run.
    `SELECT segment, avg(CAST(predicted_clv AS DECIMAL(38, 9)))::DOUBLE AS clv
     FROM ${withSegment(TABLE.customerPredictions, members)} GROUP BY segment`,
  );
  return new Map(rows.map((row) => [row.segment, row.clv]));
}

/** Whether predicted CLV rests on fitted models, as the last refresh left them. */
export interface PredictionState {
  /**
   * ok; degenerate: predicted CLV comes from a stated fallback (counted as fitted, flagged);
   * failed: no predicted CLV, so CLV:CAC uses rolling CLV; none: never refreshed with models.
   */
  status: 'ok' | 'degenerate' | 'failed' | 'none';
  /** Why it is not ok, from the models' own reasons; null when ok. */
  reason: string | null;
}

const SEVERITY = ['ok', 'degenerate', 'failed'] as const;

/** The worst state of the purchase and spend models of the last refresh. */
export async function predictionState(warehouse: Warehouse): Promise<PredictionState> {
  if (!(await tableExists(warehouse, TABLE.modelFit))) return { status: 'none', reason: null };
  // SELECT *: stores refreshed before statuses existed have `error` instead of status and reason.
  const rows = await warehouse.query(`SELECT * FROM model_fit ORDER BY role`);
  let worst = 0;
  const reasons: string[] = [];
  for (const row of rows) {
    const status = row['status'] ?? (row['fit'] === null ? 'failed' : 'ok');
    const level = Math.max(0, SEVERITY.indexOf(status as (typeof SEVERITY)[number]));
    worst = Math.max(worst, level);
    const reason = row['reason'] ?? row['error'];
    if (level > 0 && typeof reason === 'string') reasons.push(reason);
  }
  return {
    status: SEVERITY[worst] ?? 'ok',
    reason: reasons.length > 0 ? reasons.join('; ') : null,
  };
}
