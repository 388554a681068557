import type { ModelFit } from './fit.js';
import { parameterVector } from './fit-model.js';
import { quadraticForm } from './optimize/linear-algebra.js';
import { naturalValues, thetaValues } from './parameters.js';
import type { PurchaseModel } from './purchase-model.js';

/** How a purchase forecast becomes value: the horizon, discounting, and the model's time unit. */
export interface ForecastSettings {
  horizonMonths: number;
  monthlyDiscountRate: number;
  /** Days in one unit of the model's time. */
  unitDays: number;
}

/** Purchase histories (x, t_x, T) in the model's time unit, one per row. */
export interface Histories {
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
}

/** Forecasts per history, aligned with its rows. */
export interface HistoryForecast {
  probabilityAlive: Float64Array;
  /** Expected purchases over the horizon. */
  expectedPurchases: Float64Array;
  /** Expected purchases over the horizon, month k's discounted by (1 + d)^k. */
  discountedPurchases: Float64Array;
  /**
   * Variance of ln(discountedPurchases) from the uncertainty of the fitted parameters (delta
   * method); NaN when the fit has no covariance.
   */
  logVariance: Float64Array;
  /** Median time to the next purchase of a customer still active, in days. */
  daysToNextPurchase: Float64Array;
}

export const MONTH_DAYS = 365.25 / 12;
// Step in the log-parameters for derivatives by forward differences: their O(step) error is
// far below what a variance estimate needs, at half the evaluations of central ones.
const STEP = 1e-5;

/**
 * Forecasts every history under a fitted purchase model. The part that does not depend on
 * t_x (purchases if alive) is computed once per distinct (x, T), which is what keeps a
 * million customers cheap: the hypergeometric function is evaluated per pair, not per customer.
 */
export function forecastHistories(
  model: PurchaseModel,
  fit: ModelFit,
  histories: Histories,
  settings: ForecastSettings,
): HistoryForecast {
  const parameters = parameterVector(fit);
  const theta = thetaValues(model.parameters, parameters);
  const dimension = theta.length;
  const shifted = (k: number): number[] => {
    const moved = Float64Array.from(theta);
    moved[k] = (moved[k] ?? 0) + STEP;
    return naturalValues(model.parameters, moved);
  };
  const variants = [parameters];
  for (let k = 0; k < dimension; k++) variants.push(shifted(k));

  const pairs = new Map<string, { total: number; discounted: number[] }>();
  const pairOf = (x: number, T: number) => {
    const key = `${x}:${T}`;
    let pair = pairs.get(key);
    if (!pair) {
      pair = {
        total: horizonPurchases(model, parameters, x, T, settings),
        discounted: variants.map((values) => discountedIfAlive(model, values, x, T, settings)),
      };
      pairs.set(key, pair);
    }
    return pair;
  };

  const rows = histories.frequency.length;
  const forecast: HistoryForecast = {
    probabilityAlive: new Float64Array(rows),
    expectedPurchases: new Float64Array(rows),
    discountedPurchases: new Float64Array(rows),
    logVariance: new Float64Array(rows),
    daysToNextPurchase: new Float64Array(rows),
  };
  const [r = NaN, alpha = NaN] = parameters;
  const gradient = new Float64Array(dimension);
  for (let i = 0; i < rows; i++) {
    const x = histories.frequency[i] ?? 0;
    const tx = histories.recency[i] ?? 0;
    const T = histories.age[i] ?? 0;
    const pair = pairOf(x, T);
    const alive = variants.map((values) => model.probabilityAlive(values, x, tx, T));
    const pAlive = alive[0] ?? NaN;
    forecast.probabilityAlive[i] = pAlive;
    forecast.expectedPurchases[i] = pAlive * pair.total;
    forecast.discountedPurchases[i] = pAlive * (pair.discounted[0] ?? NaN);
    const here = Math.log(pAlive * (pair.discounted[0] ?? NaN));
    for (let k = 0; k < dimension; k++) {
      const moved = Math.log((alive[k + 1] ?? NaN) * (pair.discounted[k + 1] ?? NaN));
      gradient[k] = (moved - here) / STEP;
    }
    forecast.logVariance[i] = fit.covariance ? quadraticForm(fit.covariance, gradient) : NaN;
    // Given it is alive, the customer's purchase rate is Gamma(r + x, α + T) under both models,
    // so the wait to the next purchase has median (α + T)(2^(1/(r+x)) − 1).
    forecast.daysToNextPurchase[i] =
      (alpha + T) * (Math.pow(2, 1 / (r + x)) - 1) * settings.unitDays;
  }
  return forecast;
}

/** Expected purchases over the horizon if alive (undiscounted). */
function horizonPurchases(
  model: PurchaseModel,
  parameters: readonly number[],
  x: number,
  T: number,
  settings: ForecastSettings,
): number {
  const t = (settings.horizonMonths * MONTH_DAYS) / settings.unitDays;
  return model.expectedPurchasesIfAlive(parameters, x, T, t);
}

/** Σ over months k = 1..H of (E[Y(t_k)] − E[Y(t_{k−1})]) / (1 + d)^k, for a customer alive at T. */
export function discountedIfAlive(
  model: PurchaseModel,
  parameters: readonly number[],
  x: number,
  T: number,
  settings: ForecastSettings,
): number {
  const month = MONTH_DAYS / settings.unitDays;
  let total = 0;
  let previous = 0;
  for (let k = 1; k <= settings.horizonMonths; k++) {
    const cumulative = model.expectedPurchasesIfAlive(parameters, x, T, k * month);
    total += (cumulative - previous) / Math.pow(1 + settings.monthlyDiscountRate, k);
    previous = cumulative;
  }
  return total;
}
