import type { Config } from '../config/schema.js';
import type { ModelFit } from '../predict/fit.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import type { HoldoutGroup, HoldoutPeriod } from './holdout-comparison.js';
import { compareOnHoldout } from './holdout-comparison.js';
import type { HoldoutValueCheck } from './holdout-value.js';
import { holdoutValueCheck } from './holdout-value.js';
import { purchaseSummaryParams } from '../model/tables/purchase-summary.js';
import type { PurchaseModelName } from './purchase-models.js';

export type { HoldoutGroup } from './holdout-comparison.js';

export interface HoldoutReport extends HoldoutPeriod {
  model: PurchaseModelName;
  timeUnit: Config['model']['timeUnit'];
  fit: ModelFit;
  groups: HoldoutGroup[];
  total: { customers: number; predicted: number; actual: number };
  /** Mean over customers of |predicted − actual| repeat purchases in the holdout. */
  meanAbsoluteError: number | null;
  /** Pearson correlation of predicted and actual holdout purchases per customer. */
  correlation: number | null;
  /** Spend: the calibration Gamma-Gamma, the predictive interval's coverage, value deciles. */
  value: HoldoutValueCheck;
}

/**
 * Fits the purchase model on the orders before `holdoutFrom`, predicts each calibration
 * customer's repeat purchases from then to the last order day, and compares with what
 * happened (`clv predict --holdout-from`).
 */
export async function holdoutReport(
  warehouse: Warehouse,
  config: Config,
  modelName: PurchaseModelName,
  holdoutFrom: string,
): Promise<HoldoutReport> {
  const comparison = await compareOnHoldout(warehouse, config, [modelName], holdoutFrom);
  const [score] = comparison.scores;
  const fit = score?.outcome.fit;
  if (!score || !fit) {
    throw new ClvError('bad_input', score?.outcome.error ?? `${modelName} could not be fitted`);
  }
  if (score.total.predicted === null) {
    throw new ClvError(
      'bad_input',
      `${modelName} gives no finite forecast for ${score.notFinite} calibration histories`,
    );
  }
  const value = await holdoutValueCheck(
    warehouse,
    config,
    modelName,
    fit,
    comparison.histories,
    comparison,
    purchaseSummaryParams(config, holdoutFrom),
  );
  return {
    model: modelName,
    timeUnit: config.model.timeUnit,
    holdoutFrom: comparison.holdoutFrom,
    calibrationEnd: comparison.calibrationEnd,
    holdoutEnd: comparison.holdoutEnd,
    holdoutLength: comparison.holdoutLength,
    fit,
    groups: score.groups,
    total: { ...score.total, predicted: score.total.predicted },
    meanAbsoluteError: score.meanAbsoluteError,
    correlation: score.correlation,
    value,
  };
}
