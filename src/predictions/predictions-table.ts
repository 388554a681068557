import type { Config } from '../config/schema.js';
import type { ModelState } from '../model/derived-table.js';
import { unitDays } from '../model/tables/purchase-summary.js';
import { forecastHistories } from '../predict/clv.js';
import type { SpendLaw } from '../predict/spend-quantiles.js';
import type { Warehouse } from '../store/warehouse.js';
import type { FittedModels } from './fit-models.js';
import { inUnits } from './model-input.js';
import { purchaseModels } from './purchase-models.js';
import { spendSql } from './spend-sql.js';

// z for a central 90 % interval.
const Z90 = 1.6448536269514722;

const PREDICTION_COLUMNS = `
  customer_id VARCHAR, frequency INTEGER, recency DOUBLE, T DOUBLE, monetary DOUBLE,
  p_alive DOUBLE, churn_risk DOUBLE, expected_purchases DOUBLE, expected_spend DOUBLE,
  predicted_clv DOUBLE, predicted_clv_low DOUBLE, predicted_clv_high DOUBLE,
  spend_low DOUBLE, spend_high DOUBLE, next_purchase_date DATE, status VARCHAR, reason VARCHAR`;

const HISTORY_COLUMNS = `
  frequency INTEGER, recency_days INTEGER, age_days INTEGER, p_alive DOUBLE,
  expected_purchases DOUBLE, discounted_purchases DOUBLE, log_variance DOUBLE,
  days_to_next DOUBLE, spend_low_factor DOUBLE, spend_high_factor DOUBLE,
  history_reason VARCHAR`;

// What a history whose forecast is not a finite number is told.
const NOT_FINITE = 'the model gives no finite forecast for this purchase history';

/** The empty `customer_predictions` table in `schema`. */
export async function createPredictionsTable(warehouse: Warehouse, schema: string): Promise<void> {
  await warehouse.run(`CREATE TABLE ${schema}.customer_predictions (${PREDICTION_COLUMNS})`);
}

/**
 * Writes one row of `customer_predictions` per customer of `purchase_summary` in `schema`,
 * whatever became of the models: values from the fits where they exist, and where they do not,
 * NULL with the reason (`status`, `reason`). One SQL pass over the customers.
 */
export async function writePredictions(
  warehouse: Warehouse,
  config: Config,
  schema: string,
  fitted: FittedModels,
  states: { purchase: ModelState; spend: ModelState },
): Promise<void> {
  await warehouse.run(`CREATE OR REPLACE TEMP TABLE history_forecasts (${HISTORY_COLUMNS})`);
  const spend = spendSql(fitted.spend);
  if (fitted.purchase.fit) await appendForecasts(warehouse, config, fitted, spend.law);
  await warehouse.run(
    `INSERT INTO ${schema}.customer_predictions
     WITH joined AS (
       SELECT s.customer_id, s.frequency, s.recency, s.T, s.monetary, s.end_day,
              f.p_alive, f.expected_purchases, f.discounted_purchases, f.log_variance,
              f.days_to_next, f.spend_low_factor, f.spend_high_factor, f.history_reason
       FROM ${schema}.purchase_summary s
       LEFT JOIN history_forecasts f USING (frequency, recency_days, age_days)
     ),
     priced AS (
       SELECT *, CASE WHEN p_alive IS NOT NULL THEN ${spend.expected} END AS expected_spend,
              ${spend.gradient}
       FROM joined
     ),
     valued AS (
       SELECT *, $margin * expected_spend * discounted_purchases AS clv,
              sqrt(log_variance + ${spend.logVariance}) AS log_sd
       FROM priced
     )
     SELECT customer_id, frequency, recency, T, monetary, p_alive, 1 - p_alive,
            expected_purchases, expected_spend, clv,
            CASE WHEN clv = 0 THEN 0 WHEN clv > 0 THEN clv * exp(-$z * log_sd) END,
            CASE WHEN clv = 0 THEN 0 WHEN clv > 0 THEN clv * exp($z * log_sd) END,
            spend_low_factor * ${spend.intervalScale}, spend_high_factor * ${spend.intervalScale},
            CAST(end_day + CAST(ceil(days_to_next) AS INTEGER) AS DATE),
            CASE WHEN p_alive IS NULL OR $spendStatus = 'failed' THEN 'failed'
                 WHEN $purchaseStatus = 'degenerate' OR $spendStatus = 'degenerate'
                   THEN 'degenerate'
                 ELSE 'ok' END,
            nullif(concat_ws('; ', history_reason, $purchaseReason, $spendReason), '')
     FROM valued`,
    {
      ...spend.params,
      ...spend.varianceParams,
      margin: config.model.margin,
      z: Z90,
      purchaseStatus: states.purchase.status,
      spendStatus: states.spend.status,
      purchaseReason: states.purchase.reason,
      spendReason: states.spend.reason,
    },
  );
  await warehouse.run('DROP TABLE history_forecasts');
}

/** The purchase model's forecast of every distinct history, into `history_forecasts`. */
async function appendForecasts(
  warehouse: Warehouse,
  config: Config,
  fitted: FittedModels,
  spendLaw: SpendLaw | null,
): Promise<void> {
  const fit = fitted.purchase.fit;
  if (!fit) return;
  const days = unitDays(config);
  const forecast = forecastHistories(
    purchaseModels[fitted.purchase.model],
    fit,
    inUnits(fitted.histories, days),
    {
      horizonMonths: config.model.horizonMonths,
      monthlyDiscountRate: config.model.monthlyDiscountRate,
      unitDays: days,
      spend: spendLaw,
    },
  );
  const { frequency, recencyDays, ageDays } = fitted.histories;
  const finite = (value: number | undefined): number | null =>
    value !== undefined && Number.isFinite(value) ? value : null;
  await warehouse.append(
    'history_forecasts',
    (function* () {
      for (let i = 0; i < frequency.length; i++) {
        const alive = finite(forecast.probabilityAlive[i]);
        const purchases = finite(forecast.expectedPurchases[i]);
        const discounted = finite(forecast.discountedPurchases[i]);
        const usable = alive !== null && purchases !== null && discounted !== null;
        const wait = finite(forecast.daysToNextPurchase[i]);
        yield [
          frequency[i] ?? 0,
          recencyDays[i] ?? 0,
          ageDays[i] ?? 0,
          usable ? alive : null,
          usable ? purchases : null,
          usable ? discounted : null,
          usable ? finite(forecast.logVariance[i]) : null,
          usable ? wait : null,
          usable ? finite(forecast.spendLowFactor[i]) : null,
          usable ? finite(forecast.spendHighFactor[i]) : null,
          usable ? null : NOT_FINITE,
        ];
      }
    })(),
  );
}
