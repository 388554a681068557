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
import { finiteOrNull } from '../shared/finite.js';
import type { ScratchColumns } from '../store/scratch-tables.js';

// z for a central 90 % interval.
const Z90 = 1.6448536269514722;

const HISTORY_COLUMNS: ScratchColumns = [
  ['frequency', 'integer'],
  ['recency_days', 'integer'],
  ['age_days', 'integer'],
  ['p_alive', 'double'],
  ['expected_purchases', 'double'],
  ['discounted_purchases', 'double'],
  ['log_variance', 'double'],
  ['days_to_next', 'double'],
  ['spend_low_factor', 'double'],
  ['spend_high_factor', 'double'],
  ['history_reason', 'text'],
];

// What a history whose forecast is not a finite number is told.
const NOT_FINITE = 'the model gives no finite forecast for this purchase history';

/**
 * Creates `customer_predictions` in `schema` with one row per customer of `purchase_summary`,
 * whatever became of the models: values from the fits where they exist, and where they do not,
 * NULL with the reason (`status`, `reason`). One SQL pass over the customers, as a CREATE
 * TABLE AS: the same SELECT as an INSERT into a created table ran four times slower.
 */
export async function writePredictions(
  warehouse: Warehouse,
  config: Config,
  schema: string,
  fitted: FittedModels,
  states: { purchase: ModelState; spend: ModelState },
): Promise<void> {
  await warehouse.scratch.withColumns('history_forecasts', HISTORY_COLUMNS);
  const spend = spendSql(fitted.spend);
  if (fitted.purchase.fit) await appendForecasts(warehouse, config, fitted, spend.law);
  await warehouse.run(
    `CREATE TABLE ${schema}.customer_predictions AS
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
     SELECT customer_id, frequency::INTEGER AS frequency, recency::DOUBLE AS recency,
            T::DOUBLE AS T, monetary::DOUBLE AS monetary, p_alive::DOUBLE AS p_alive,
            (1 - p_alive)::DOUBLE AS churn_risk,
            expected_purchases::DOUBLE AS expected_purchases,
            expected_spend::DOUBLE AS expected_spend, clv::DOUBLE AS predicted_clv,
            (CASE WHEN clv = 0 THEN 0 WHEN clv > 0 THEN clv * exp(-$z * log_sd) END)::DOUBLE
              AS predicted_clv_low,
            (CASE WHEN clv = 0 THEN 0 WHEN clv > 0 THEN clv * exp($z * log_sd) END)::DOUBLE
              AS predicted_clv_high,
            (spend_low_factor * ${spend.intervalScale})::DOUBLE AS spend_low,
            (spend_high_factor * ${spend.intervalScale})::DOUBLE AS spend_high,
            CAST(end_day + CAST(ceil(days_to_next) AS INTEGER) AS DATE) AS next_purchase_date,
            (CASE WHEN p_alive IS NULL THEN 'failed' ELSE $status END)::VARCHAR AS status,
            (CASE WHEN history_reason IS NULL THEN $reason
                  ELSE concat_ws('; ', history_reason, $reason) END)::VARCHAR AS reason
     FROM valued`,
    {
      ...spend.params,
      ...spend.varianceParams,
      margin: config.model.margin,
      z: Z90,
      // What every customer shares is settled here, not once per row.
      status: sharedStatus(states),
      reason: [states.purchase.reason, states.spend.reason].filter(Boolean).join('; ') || null,
    },
  );
  await warehouse.scratch.drop('history_forecasts');
}

/** The status of a customer whose history has a finite forecast: the worse of the two models'. */
function sharedStatus(states: { purchase: ModelState; spend: ModelState }): ModelState['status'] {
  if (states.spend.status === 'failed') return 'failed';
  return states.purchase.status === 'degenerate' || states.spend.status === 'degenerate'
    ? 'degenerate'
    : 'ok';
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
  await warehouse.append(
    'history_forecasts',
    (function* () {
      for (let i = 0; i < frequency.length; i++) {
        const alive = finiteOrNull(forecast.probabilityAlive[i]);
        const purchases = finiteOrNull(forecast.expectedPurchases[i]);
        const discounted = finiteOrNull(forecast.discountedPurchases[i]);
        const usable = alive !== null && purchases !== null && discounted !== null;
        const wait = finiteOrNull(forecast.daysToNextPurchase[i]);
        yield [
          frequency[i] ?? 0,
          recencyDays[i] ?? 0,
          ageDays[i] ?? 0,
          usable ? alive : null,
          usable ? purchases : null,
          usable ? discounted : null,
          usable ? finiteOrNull(forecast.logVariance[i]) : null,
          usable ? wait : null,
          usable ? finiteOrNull(forecast.spendLowFactor[i]) : null,
          usable ? finiteOrNull(forecast.spendHighFactor[i]) : null,
          usable ? null : NOT_FINITE,
        ];
      }
    })(),
  );
}
