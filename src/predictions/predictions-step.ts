import type { Config } from '../config/schema.js';
import type { ComputedStep, ComputedTables } from '../model/derived-table.js';
import { unitDays } from '../model/tables/purchase-summary.js';
import { forecastHistories } from '../predict/clv.js';
import type { ModelFit } from '../predict/fit.js';
import { ModelDataError } from '../predict/fit.js';
import type { Warehouse } from '../store/warehouse.js';
import type { FittedModels } from './fit-models.js';
import { fitModels } from './fit-models.js';
import { inUnits } from './model-input.js';
import { purchaseModels } from './purchase-models.js';
import {
  EXPECTED_SPEND_SQL,
  SPEND_GRADIENT_SQL,
  SPEND_LOG_VARIANCE_SQL,
  spendSqlParams,
} from './spend-sql.js';

// z for a central 90 % interval.
const Z90 = 1.6448536269514722;

const PREDICTION_COLUMNS = `
  customer_id VARCHAR, frequency INTEGER, recency DOUBLE, T DOUBLE, monetary DOUBLE,
  p_alive DOUBLE, churn_risk DOUBLE, expected_purchases DOUBLE, expected_spend DOUBLE,
  predicted_clv DOUBLE, predicted_clv_low DOUBLE, predicted_clv_high DOUBLE,
  next_purchase_date DATE`;

/**
 * The refresh step that fits the configured purchase model and Gamma-Gamma to
 * `purchase_summary` and writes `customer_predictions` and `model_fit`. A model the data
 * cannot identify leaves an empty prediction table and a warning, not a failed refresh.
 */
export const predictionsStep: ComputedStep = async ({ warehouse, config, schema }) => {
  const modelName = config.model.purchaseModel;
  let fitted: FittedModels | null = null;
  let error: string | null = null;
  try {
    fitted = await fitModels(
      warehouse,
      `${schema}.purchase_summary`,
      undefined,
      modelName,
      unitDays(config),
    );
  } catch (caught) {
    if (!(caught instanceof ModelDataError)) throw caught;
    error = caught.message;
  }
  await createPredictionsTable(warehouse, schema);
  if (fitted) await writePredictions(warehouse, config, schema, fitted);
  await writeFits(warehouse, config, schema, fitted, error);
  const [count] = await warehouse.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${schema}.customer_predictions`,
  );
  const warnings: string[] = [];
  if (error) warnings.push(`no predictions: ${error}`);
  if (fitted?.spendError) warnings.push(`no predicted CLV: ${fitted.spendError}`);
  for (const fit of [fitted?.purchase, fitted?.spend]) {
    for (const warning of fit?.warnings ?? []) warnings.push(`${fit?.model}: ${warning}`);
  }
  const result: ComputedTables = {
    tables: [
      { name: 'customer_predictions', rows: count?.n ?? 0 },
      { name: 'model_fit', rows: fitted ? 2 : 1 },
    ],
    warnings,
  };
  return result;
};

/** The empty `customer_predictions` table in `schema`. */
export async function createPredictionsTable(warehouse: Warehouse, schema: string): Promise<void> {
  await warehouse.run(`CREATE TABLE ${schema}.customer_predictions (${PREDICTION_COLUMNS})`);
}

/** Forecasts every history and writes `customer_predictions` in `schema` (one SQL pass over the customers). */
export async function writePredictions(
  warehouse: Warehouse,
  config: Config,
  schema: string,
  fitted: FittedModels,
): Promise<void> {
  const days = unitDays(config);
  const model = purchaseModels[config.model.purchaseModel];
  const forecast = forecastHistories(model, fitted.purchase, inUnits(fitted.histories, days), {
    horizonMonths: config.model.horizonMonths,
    monthlyDiscountRate: config.model.monthlyDiscountRate,
    unitDays: days,
  });
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE history_forecasts (
       frequency INTEGER, recency_days INTEGER, age_days INTEGER, p_alive DOUBLE,
       expected_purchases DOUBLE, discounted_purchases DOUBLE, log_variance DOUBLE,
       days_to_next DOUBLE)`,
  );
  const { frequency, recencyDays, ageDays } = fitted.histories;
  const finite = (value: number | undefined): number | null =>
    value !== undefined && Number.isFinite(value) ? value : null;
  await warehouse.append(
    'history_forecasts',
    (function* () {
      for (let i = 0; i < frequency.length; i++) {
        yield [
          frequency[i] ?? 0,
          recencyDays[i] ?? 0,
          ageDays[i] ?? 0,
          finite(forecast.probabilityAlive[i]),
          finite(forecast.expectedPurchases[i]),
          finite(forecast.discountedPurchases[i]),
          finite(forecast.logVariance[i]),
          finite(forecast.daysToNextPurchase[i]),
        ];
      }
    })(),
  );
  const spend = fitted.spend;
  // Without a spend model there is no money to put on the purchases: CLV stays NULL.
  const spendSql = spend ? EXPECTED_SPEND_SQL : 'NULL::DOUBLE';
  const gradientSql = spend ? SPEND_GRADIENT_SQL : 'NULL AS g0, NULL AS g1, NULL AS g2';
  const varianceSql = spend ? SPEND_LOG_VARIANCE_SQL : 'NULL::DOUBLE';
  await warehouse.run(
    `INSERT INTO ${schema}.customer_predictions
     WITH joined AS (
       SELECT s.customer_id, s.frequency, s.recency, s.T, s.monetary, s.end_day, f.*
       FROM ${schema}.purchase_summary s
       JOIN history_forecasts f USING (frequency, recency_days, age_days)
     ),
     priced AS (
       SELECT *, ${spendSql} AS expected_spend, ${gradientSql} FROM joined
     ),
     valued AS (
       SELECT *, $margin * expected_spend * discounted_purchases AS clv,
              sqrt(log_variance + ${varianceSql}) AS log_sd
       FROM priced
     )
     SELECT customer_id, frequency, recency, T, monetary, p_alive, 1 - p_alive,
            expected_purchases, expected_spend, clv,
            CASE WHEN clv > 0 THEN clv * exp(-$z * log_sd) END,
            CASE WHEN clv > 0 THEN clv * exp($z * log_sd) END,
            CAST(end_day + CAST(round(days_to_next) AS INTEGER) AS DATE)
     FROM valued`,
    { ...(spend ? spendSqlParams(spend) : {}), margin: config.model.margin, z: Z90 },
  );
  await warehouse.run('DROP TABLE history_forecasts');
}

async function writeFits(
  warehouse: Warehouse,
  config: Config,
  schema: string,
  fitted: FittedModels | null,
  error: string | null,
): Promise<void> {
  await warehouse.run(
    `CREATE TABLE ${schema}.model_fit (role VARCHAR, model VARCHAR, fit JSON, error VARCHAR)`,
  );
  const rows: [string, string, ModelFit | null, string | null][] = [
    ['purchase', config.model.purchaseModel, fitted?.purchase ?? null, error],
  ];
  if (fitted) rows.push(['spend', 'gammagamma', fitted.spend, fitted.spendError]);
  for (const [role, model, fit, message] of rows) {
    await warehouse.run(
      `INSERT INTO ${schema}.model_fit VALUES ($role, $model, $fit::JSON, $error)`,
      {
        role,
        model,
        fit: fit ? JSON.stringify(fit) : null,
        error: message,
      },
    );
  }
}
