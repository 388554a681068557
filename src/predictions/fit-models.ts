import type { FitStatus, ModelFit } from '../predict/fit.js';
import { ModelDataError } from '../predict/fit.js';
import { fitGammaGamma } from '../predict/gamma-gamma.js';
import { medianSpend } from '../predict/shrunk-spend.js';
import type { SqlParams, Warehouse } from '../store/warehouse.js';
import type { DayHistories } from './model-input.js';
import { inUnits, readHistories, readSpend } from './model-input.js';
import type { PurchaseModelName } from './purchase-models.js';
import { purchaseModels } from './purchase-models.js';

/** A purchase model's fit, or why there is none. */
export interface PurchaseOutcome {
  model: PurchaseModelName;
  fit: ModelFit | null;
  /** Why the model could not be fitted; null when `fit` is set. */
  error: string | null;
}

/** The spend model's fit, or why there is none, and the fallback a degenerate fit gives way to. */
export interface SpendOutcome {
  fit: ModelFit | null;
  error: string | null;
  /**
   * The median mean repeat spend that the fallback shrinks each customer toward
   * (src/predict/shrunk-spend.ts); set when the fit is degenerate.
   */
  fallbackMedian: number | null;
}

export interface FittedModels {
  histories: DayHistories;
  purchase: PurchaseOutcome;
  spend: SpendOutcome;
}

/**
 * Fits the purchase model and Gamma-Gamma to a purchase summary (a table or a subquery).
 * Never throws for data a model cannot learn from: the outcome says why instead, so that a
 * refresh publishes whatever the models do.
 */
export async function fitModels(
  warehouse: Warehouse,
  source: string,
  params: SqlParams | undefined,
  modelName: PurchaseModelName,
  unitDays: number,
  /** Parameters to start the purchase model's fit from (see `PurchaseModel.fit`). */
  start?: readonly number[],
): Promise<FittedModels> {
  const histories = await readHistories(warehouse, source, params);
  const purchase = fitPurchase(modelName, inUnits(histories, unitDays), start);
  return { histories, purchase, spend: await fitSpend(warehouse, source, params) };
}

/** Fits Gamma-Gamma to the repeat buyers of a purchase summary, never throwing for the data. */
export async function fitSpend(
  warehouse: Warehouse,
  source: string,
  params: SqlParams | undefined,
): Promise<SpendOutcome> {
  const { spend: spendSummary, withoutSpend } = await readSpend(warehouse, source, params);
  const spend: SpendOutcome = { fit: null, error: null, fallbackMedian: null };
  try {
    spend.fit = fitGammaGamma(spendSummary);
    if (withoutSpend > 0) {
      spend.fit.warnings.push(
        `${withoutSpend} repeat buyers spent nothing on their repeat purchases and were left out of the fit`,
      );
    }
    if (spend.fit.status === 'degenerate') spend.fallbackMedian = medianSpend(spendSummary);
  } catch (error) {
    spend.error = modelError(error);
  }
  return spend;
}

/** Fits one purchase model, turning data it cannot learn from into an error message. */
export function fitPurchase(
  model: PurchaseModelName,
  summary: Parameters<(typeof purchaseModels)[PurchaseModelName]['fit']>[0],
  start?: readonly number[],
): PurchaseOutcome {
  try {
    return { model, fit: purchaseModels[model].fit(summary, start), error: null };
  } catch (error) {
    return { model, fit: null, error: modelError(error) };
  }
}

/** ok, degenerate or failed. */
export function outcomeStatus(outcome: { fit: ModelFit | null }): FitStatus {
  return outcome.fit?.status ?? 'failed';
}

function modelError(error: unknown): string {
  if (error instanceof ModelDataError) return error.message;
  throw error;
}
