import type { Config } from '../config/schema.js';
import { requireDerivedTables } from '../model/store-state.js';
import { parseDate } from '../metrics/period.js';
import { unitDays } from '../model/tables/purchase-summary.js';
import type { ModelFit } from '../predict/fit.js';
import { ModelDataError } from '../predict/fit.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { fitModels } from './fit-models.js';
import type { HoldoutReport } from './holdout.js';
import { holdoutReport } from './holdout.js';
import type { PurchaseModelName } from './purchase-models.js';
import { purchaseModels } from './purchase-models.js';
import type { RetentionReport } from './retention.js';
import { retentionReport } from './retention.js';
import type { ModelState } from '../model/derived-table.js';
import { storedFits } from './model-fit-table.js';
import type { ModelSelection } from './model-selection.js';
import { modelStates } from './model-states.js';
import { saveHoldoutReport } from './stored-reports.js';
import { TABLE } from '../model/table-names.js';

export interface PredictionFigures {
  customers: number;
  meanProbabilityAlive: number | null;
  meanExpectedPurchases: number | null;
  meanPredictedClv: number | null;
  totalPredictedClv: number | null;
}

export interface PredictReport {
  model: PurchaseModelName | 'sbg';
  timeUnit: Config['model']['timeUnit'];
  horizonMonths: number;
  monthlyDiscountRate: number;
  margin: number;
  /** The last day of the data the models saw. */
  dataEnd: string | null;
  /** Whether `customer_predictions` comes from these fits (the configured model). */
  stored: boolean;
  purchase: ModelFit | null;
  spend: ModelFit | null;
  /** Each model's status (ok, degenerate, failed) and, when not ok, why and what stands in. */
  states: ModelState[];
  /** How `auto` chose the purchase model; null for a configured model. */
  selection: ModelSelection | null;
  /** Over `customer_predictions`; null when the fits shown are not the stored ones. */
  predictions: PredictionFigures | null;
  holdout: HoldoutReport | null;
  /** The contractual view (`--model sbg`): monthly cohort survival under the sBG model. */
  retention: RetentionReport | null;
}

export interface PredictOptions {
  model?: string;
  holdoutFrom?: string;
}

/**
 * What `clv predict` shows: the fits behind `customer_predictions` (from the last refresh), or
 * a fresh fit of another purchase model, and optionally a holdout check, which is stored.
 */
export async function predictReport(
  warehouse: Warehouse,
  config: Config,
  options: PredictOptions,
): Promise<PredictReport> {
  const requested = options.model === undefined ? null : modelName(options.model);
  const holdoutFrom =
    options.holdoutFrom === undefined ? null : parseDate(options.holdoutFrom, 'holdoutFrom');
  if (requested === 'sbg' && holdoutFrom) {
    throw new ClvError(
      'usage',
      '`holdoutFrom` checks the purchase models (bgnbd, mbgnbd, paretonbd)',
    );
  }
  await requireDerivedTables(warehouse);
  const fits = await storedFits(warehouse);
  const storedModel = fits?.find((fit) => fit.role === 'purchase')?.model;
  const model = requested ?? (storedModel === undefined ? null : modelName(storedModel));
  if (!model) throw new ClvError('conflict', 'no fitted models yet: run clv refresh first');
  const stored = model === storedModel;
  const report: PredictReport = {
    model,
    timeUnit: config.model.timeUnit,
    horizonMonths: config.model.horizonMonths,
    monthlyDiscountRate: config.model.monthlyDiscountRate,
    margin: config.model.margin,
    dataEnd: await dataEnd(warehouse),
    stored,
    purchase: null,
    spend: null,
    states: [],
    selection: null,
    predictions: null,
    holdout: null,
    retention: null,
  };
  if (model === 'sbg') {
    report.retention = await retentionReport(warehouse, config);
  } else if (stored && fits) {
    for (const { fit, selection, ...state } of fits) {
      if (state.role === 'purchase') {
        report.purchase = fit;
        report.selection = selection;
      } else report.spend = fit;
      report.states.push(state);
    }
    report.predictions = await predictionFigures(warehouse);
  } else {
    const fitted = await fitModels(
      warehouse,
      TABLE.purchaseSummary,
      undefined,
      model,
      unitDays(config),
    );
    report.purchase = fitted.purchase.fit;
    report.spend = fitted.spend.fit;
    report.states = modelStates(fitted);
  }
  if (holdoutFrom && model !== 'sbg') {
    try {
      report.holdout = await holdoutReport(warehouse, config, model, holdoutFrom);
    } catch (error) {
      if (error instanceof ModelDataError) throw new ClvError('bad_input', error.message);
      throw error;
    }
    await saveHoldoutReport(warehouse, report.holdout);
  }
  return report;
}

function modelName(value: string): PurchaseModelName | 'sbg' {
  if (value === 'sbg' || value in purchaseModels) return value as PurchaseModelName | 'sbg';
  throw new ClvError('usage', `\`model\` must be bgnbd, mbgnbd, paretonbd or sbg, not "${value}"`);
}

async function dataEnd(warehouse: Warehouse): Promise<string | null> {
  const [row] = await warehouse.query<{ end: string | null }>(
    'SELECT CAST(max(end_day) AS VARCHAR) AS end FROM purchase_summary',
  );
  return row?.end ?? null;
}

async function predictionFigures(warehouse: Warehouse): Promise<PredictionFigures> {
  const [row] = await warehouse.query<{
    customers: number;
    alive: number | null;
    purchases: number | null;
    clv: number | null;
    total: number | null;
  }>(
    `SELECT count(*) AS customers, avg(p_alive) AS alive, avg(expected_purchases) AS purchases,
            avg(predicted_clv) AS clv, sum(predicted_clv) AS total
     FROM customer_predictions`,
  );
  return {
    customers: row?.customers ?? 0,
    meanProbabilityAlive: row?.alive ?? null,
    meanExpectedPurchases: row?.purchases ?? null,
    meanPredictedClv: row?.clv ?? null,
    totalPredictedClv: row?.total ?? null,
  };
}
