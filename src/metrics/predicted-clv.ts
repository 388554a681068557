import type { Warehouse } from '../store/warehouse.js';
import { withSegment, type Members } from './members.js';
import { tableExists } from './report-inputs.js';

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
  if (!(await tableExists(warehouse, 'customer_predictions'))) return new Map();
  const rows = await warehouse.query<{ segment: string; clv: number | null }>(
    // Summed as decimals, which add exactly, so the figure is the same on every run.
    `SELECT segment, avg(CAST(predicted_clv AS DECIMAL(38, 9)))::DOUBLE AS clv
     FROM ${withSegment('customer_predictions', members)} GROUP BY segment`,
  );
  return new Map(rows.map((row) => [row.segment, row.clv]));
}
