import { storedFits } from '../predictions/model-fit-table.js';
import type { Warehouse } from '../store/warehouse.js';

/** The models a list leans on: predicted CLV needs both, churn risk the purchase model. */
export type PredictionNeed = 'clv' | 'churn';

/**
 * Why a list of customers ranked on predictions has nobody in it because of the models: the
 * reason of a model it needs that failed at the last refresh; null when the models were
 * fitted (then an empty list is an answer, not a gap).
 */
export async function predictionGap(
  warehouse: Warehouse,
  need: PredictionNeed,
): Promise<string | null> {
  const fits = await storedFits(warehouse);
  if (!fits) return 'no predictions yet: run clv refresh';
  const failed = fits.find(
    (fit) => fit.status === 'failed' && (need === 'clv' || fit.role === 'purchase'),
  );
  return failed ? (failed.reason ?? `${failed.model} could not be fitted`) : null;
}
