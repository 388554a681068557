import type { ModelFit } from '../predict/fit.js';
import { ModelDataError } from '../predict/fit.js';
import { fitGammaGamma } from '../predict/gamma-gamma.js';
import type { SqlParams, Warehouse } from '../store/warehouse.js';
import type { DayHistories } from './model-input.js';
import { inUnits, readHistories, readSpend } from './model-input.js';
import type { PurchaseModelName } from './purchase-models.js';
import { purchaseModels } from './purchase-models.js';

export interface FittedModels {
  histories: DayHistories;
  purchase: ModelFit;
  /** Null when no repeat buyer has spend to learn from (see `spendError`). */
  spend: ModelFit | null;
  spendError: string | null;
}

/** Fits the purchase model and Gamma-Gamma to a purchase summary (a table or a subquery). */
export async function fitModels(
  warehouse: Warehouse,
  source: string,
  params: SqlParams | undefined,
  modelName: PurchaseModelName,
  unitDays: number,
): Promise<FittedModels> {
  const histories = await readHistories(warehouse, source, params);
  const purchase = purchaseModels[modelName].fit(inUnits(histories, unitDays));
  const { spend: spendSummary, withoutSpend } = await readSpend(warehouse, source, params);
  let spend: ModelFit | null = null;
  let spendError: string | null = null;
  try {
    spend = fitGammaGamma(spendSummary);
    if (withoutSpend > 0) {
      spend.warnings.push(
        `${withoutSpend} repeat buyers spent nothing on their repeat purchases and were left out of the fit`,
      );
    }
  } catch (error) {
    if (!(error instanceof ModelDataError)) throw error;
    spendError = error.message;
  }
  return { histories, purchase, spend, spendError };
}
