import type { Config } from '../config/schema.js';
import {
  PURCHASE_SUMMARY_SQL,
  purchaseSummaryParams,
  unitDays,
} from '../model/tables/purchase-summary.js';
import { parameterVector } from '../predict/fit-model.js';
import type { ModelFit } from '../predict/fit.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { fitModels } from './fit-models.js';
import { inUnits } from './model-input.js';
import type { PurchaseModelName } from './purchase-models.js';
import { purchaseModels } from './purchase-models.js';

/** Calibration customers with this many repeat purchases or more share the last group. */
const TOP_GROUP = 7;

export interface HoldoutGroup {
  /** Repeat purchases in the calibration period: "0" … "6", then "7+". */
  frequency: string;
  customers: number;
  /** Mean repeat purchases per customer in the holdout period. */
  predicted: number;
  actual: number;
}

export interface HoldoutReport {
  model: PurchaseModelName;
  timeUnit: Config['model']['timeUnit'];
  /** The first day of the holdout period; the calibration period ends the day before. */
  holdoutFrom: string;
  calibrationEnd: string;
  /** The last day with an order: the holdout period runs to it. */
  holdoutEnd: string;
  /** The holdout period's length in the model's time unit. */
  holdoutLength: number;
  fit: ModelFit;
  groups: HoldoutGroup[];
  total: { customers: number; predicted: number; actual: number };
  /** Pearson correlation of predicted and actual holdout purchases per customer. */
  correlation: number | null;
}

const CALIBRATION = `(${PURCHASE_SUMMARY_SQL})`;

/**
 * Fits the purchase model on the orders before `holdoutFrom`, predicts each calibration
 * customer's repeat purchases from then to the last order day, and compares with the purchase
 * days that actually followed (same-day orders merged, as in the summary).
 */
export async function holdoutReport(
  warehouse: Warehouse,
  config: Config,
  modelName: PurchaseModelName,
  holdoutFrom: string,
): Promise<HoldoutReport> {
  const [range] = await warehouse.query<{ first: string | null; last: string | null }>(
    `SELECT CAST(min(day) AS VARCHAR) AS first, CAST(max(day) AS VARCHAR) AS last FROM orders`,
  );
  if (!range?.first || !range.last) {
    throw new ClvError('bad_input', 'no orders: run `clv refresh` after importing purchases');
  }
  if (!(holdoutFrom > range.first && holdoutFrom <= range.last)) {
    throw new ClvError(
      'bad_input',
      `--holdout-from must lie after the first order day (${range.first}) and no later than the last (${range.last})`,
    );
  }
  const days = unitDays(config);
  const params = purchaseSummaryParams(config, holdoutFrom);
  const fitted = await fitModels(warehouse, CALIBRATION, params, modelName, days);
  const fit = fitted.purchase.fit;
  if (!fit) throw new ClvError('bad_input', fitted.purchase.error ?? `${modelName} failed`);
  const model = purchaseModels[modelName];
  const parameters = parameterVector(fit);
  const [span] = await warehouse.query<{ days: number; end: string }>(
    `SELECT ($last::DATE - $from::DATE + 1)::INTEGER AS days, CAST($from::DATE - 1 AS VARCHAR) AS end`,
    { last: range.last, from: holdoutFrom },
  );
  const length = (span?.days ?? 0) / days;
  const histories = inUnits(fitted.histories, days);
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE holdout_predictions (
       frequency INTEGER, recency_days INTEGER, age_days INTEGER, predicted DOUBLE)`,
  );
  await warehouse.append(
    'holdout_predictions',
    (function* () {
      for (let i = 0; i < histories.frequency.length; i++) {
        const x = histories.frequency[i] ?? 0;
        const T = histories.age[i] ?? 0;
        const predicted =
          model.probabilityAlive(parameters, x, histories.recency[i] ?? 0, T) *
          model.expectedPurchasesIfAlive(parameters, x, T, length);
        yield [
          x,
          fitted.histories.recencyDays[i] ?? 0,
          fitted.histories.ageDays[i] ?? 0,
          predicted,
        ];
      }
    })(),
  );
  const rows = await warehouse.query<{
    grp: number;
    customers: number;
    predicted: number;
    actual: number;
    correlation: number | null;
  }>(
    `WITH calibration AS ${CALIBRATION},
     later AS (
       SELECT customer_id, count(DISTINCT day) AS purchases FROM orders
       WHERE outcome = 'success' AND day >= $cutoff::DATE GROUP BY customer_id
     ),
     compared AS (
       SELECT least(c.frequency, ${TOP_GROUP}) AS grp, p.predicted,
              coalesce(l.purchases, 0)::DOUBLE AS actual
       FROM calibration c
       JOIN holdout_predictions p USING (frequency, recency_days, age_days)
       LEFT JOIN later l USING (customer_id)
     )
     SELECT grp, count(*) AS customers, sum(predicted) AS predicted, sum(actual) AS actual,
            NULL AS correlation
     FROM compared GROUP BY grp
     UNION ALL
     SELECT -1, count(*), sum(predicted), sum(actual), corr(predicted, actual) FROM compared
     ORDER BY 1`,
    params,
  );
  await warehouse.run('DROP TABLE holdout_predictions');
  const total = rows.find((row) => row.grp === -1);
  const correlation = total?.correlation;
  return {
    model: modelName,
    timeUnit: config.model.timeUnit,
    holdoutFrom,
    calibrationEnd: span?.end ?? '',
    holdoutEnd: range.last,
    holdoutLength: length,
    fit,
    groups: rows
      .filter((row) => row.grp >= 0)
      .map((row) => ({
        frequency: row.grp === TOP_GROUP ? `${TOP_GROUP}+` : String(row.grp),
        customers: row.customers,
        predicted: row.predicted / row.customers,
        actual: row.actual / row.customers,
      })),
    total: {
      customers: total?.customers ?? 0,
      predicted: total?.predicted ?? 0,
      actual: total?.actual ?? 0,
    },
    correlation:
      typeof correlation === 'number' && Number.isFinite(correlation) ? correlation : null,
  };
}
