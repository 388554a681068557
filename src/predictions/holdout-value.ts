import type { Config } from '../config/schema.js';
import type { ModelState } from '../model/derived-table.js';
import { unitDays } from '../model/tables/purchase-summary.js';
import { forecastHistories, MONTH_DAYS } from '../predict/clv.js';
import type { ModelFit } from '../predict/fit.js';
import type { SqlParams, Warehouse } from '../store/warehouse.js';
import { fitSpend } from './fit-models.js';
import type { HoldoutPeriod } from './holdout-comparison.js';
import { calibration } from './holdout-comparison.js';
import type { DayHistories } from './model-input.js';
import { inUnits } from './model-input.js';
import { spendState } from './model-states.js';
import type { PurchaseModelName } from './purchase-models.js';
import { purchaseModels } from './purchase-models.js';
import { spendSql } from './spend-sql.js';
import { writeHistoryTable } from './history-table.js';

/** Predicted against actual holdout value of one tenth of the customers. */
export interface ValueDecile {
  /** 1 holds the customers of highest predicted value. */
  decile: number;
  customers: number;
  /** Mean per customer over the holdout: predicted (expected purchases × expected spend) and actual spend. */
  predicted: number;
  actual: number;
}

/** How the calibration fits' money forecasts fared on the holdout. */
export interface HoldoutValueCheck {
  /** The spend model fitted on the calibration period. */
  spend: ModelState;
  /** Customers whose actual holdout spend lies inside their 90 % predictive interval. */
  coverage: { customers: number; inside: number; share: number } | null;
  /** Customers ranked by predicted holdout value, in tenths (null without a spend model). */
  deciles: ValueDecile[];
}

// Spend is summed in decimals; an interval edge equal to it is inside.
const EDGE = 1e-9;

/**
 * Fits Gamma-Gamma on the calibration period and, with the purchase fit, forecasts each
 * calibration customer's spend over the holdout: the expected value and the 90 % predictive
 * interval. Compares them with what the customer actually spent (successful orders from
 * `holdoutFrom` to the last order day).
 */
export async function holdoutValueCheck(
  warehouse: Warehouse,
  config: Config,
  model: PurchaseModelName,
  fit: ModelFit,
  histories: DayHistories,
  period: HoldoutPeriod,
  params: SqlParams,
): Promise<HoldoutValueCheck> {
  const outcome = await fitSpend(warehouse, calibration(warehouse.dialect), params);
  const spend = spendSql(outcome);
  const state = spendState(outcome);
  if (!spend.law) return { spend: state, coverage: null, deciles: [] };
  const days = unitDays(config);
  const forecast = forecastHistories(purchaseModels[model], fit, inUnits(histories, days), {
    horizonMonths: (period.holdoutLength * days) / MONTH_DAYS,
    monthlyDiscountRate: 0,
    unitDays: days,
    spend: spend.law,
  });
  await writeHistoryTable(warehouse, 'holdout_values', histories, {
    expected: forecast.expectedPurchases,
    low: forecast.spendLowFactor,
    high: forecast.spendHighFactor,
  });
  const rows = await warehouse.query<{
    decile: number;
    customers: number;
    predicted: number | null;
    actual: number;
    inside: number;
    covered: number;
  }>(
    `WITH calibration AS ${calibration(warehouse.dialect)},
     later AS (
       SELECT customer_id, sum(amount)::DOUBLE AS spent FROM orders
       WHERE outcome = 'success' AND day >= $cutoff::DATE GROUP BY customer_id
     ),
     priced AS (
       SELECT c.frequency, c.monetary, v.expected, v.low, v.high,
              coalesce(l.spent, 0) AS actual, ${spend.expected} AS expected_spend
       FROM calibration c
       JOIN holdout_values v USING (frequency, recency_days, age_days)
       LEFT JOIN later l USING (customer_id)
     ),
     valued AS (
       SELECT *, expected * expected_spend AS predicted,
              low * ${spend.intervalScale} AS low_spend,
              high * ${spend.intervalScale} AS high_spend,
              ntile(10) OVER (ORDER BY expected * expected_spend DESC NULLS LAST) AS decile
       FROM priced
     )
     SELECT decile, count(*) AS customers, avg(predicted) AS predicted, avg(actual) AS actual,
            count(*) FILTER (actual >= low_spend * (1 - $edge) AND actual <= high_spend * (1 + $edge)) AS inside,
            count(low_spend) AS covered
     FROM valued GROUP BY decile ORDER BY decile`,
    { ...params, ...spend.params, edge: EDGE },
  );
  await warehouse.scratch.drop('holdout_values');
  const customers = rows.reduce((sum, row) => sum + row.covered, 0);
  const inside = rows.reduce((sum, row) => sum + row.inside, 0);
  return {
    spend: state,
    coverage: customers > 0 ? { customers, inside, share: inside / customers } : null,
    deciles: rows.map((row) => ({
      decile: row.decile,
      customers: row.customers,
      predicted: row.predicted ?? 0,
      actual: row.actual,
    })),
  };
}
