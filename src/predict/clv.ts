import type { ModelFit } from './fit.js';
import { parameterVector } from './fit-model.js';
import { quadraticForm } from './optimize/linear-algebra.js';
import { naturalValues, thetaValues } from './parameters.js';
import { nextPurchaseWait, silenceCurve } from './next-purchase.js';
import type { PurchaseModel } from './purchase-model.js';
import type { SpendLaw } from './spend-quantiles.js';
import { spendDistributions, spendQuantile } from './spend-quantiles.js';

/** How a purchase forecast becomes value: the horizon, discounting, and the model's time unit. */
export interface ForecastSettings {
  horizonMonths: number;
  monthlyDiscountRate: number;
  /** Days in one unit of the model's time. */
  unitDays: number;
  /** How future purchases are valued, for the predictive interval; null for none. */
  spend?: SpendLaw | null;
}

// The predictive interval is the central 90 % of what the customer will spend.
const LOW_LEVEL = 0.05;
const HIGH_LEVEL = 0.95;
// The count distribution is cut where its tail is far below the interval's levels.
const COUNT_TAIL = 1e-7;

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
  /**
   * Days until a purchase is more likely than not (P(alive) · P(a purchase by then) = 1/2);
   * NaN when that does not happen within the horizon.
   */
  daysToNextPurchase: Float64Array;
  /**
   * The 90 % predictive interval of the spend over the horizon (undiscounted, before margin),
   * in the unit of the spend law: multiply by γ + x·m̄ (Gamma-Gamma) or by the expected spend
   * (`fixed`). NaN without a spend law.
   */
  spendLowFactor: Float64Array;
  spendHighFactor: Float64Array;
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

  const horizon = (settings.horizonMonths * MONTH_DAYS) / settings.unitDays;
  const spendLaw = settings.spend ?? null;
  const spending = spendLaw ? spendDistributions(spendLaw) : null;
  // By x, then T: numbers as keys, not a string built per history.
  const pairs = new Map<number, Map<number, Pair>>();
  const pairOf = (x: number, T: number): Pair => {
    let byAge = pairs.get(x);
    if (!byAge) {
      byAge = new Map();
      pairs.set(x, byAge);
    }
    let pair = byAge.get(T);
    if (!pair) {
      const counts = spending
        ? model.purchaseCountIfAlive(parameters, x, T, horizon, { tail: COUNT_TAIL })
        : null;
      pair = {
        total: horizonPurchases(model, parameters, x, T, settings),
        discounted: variants.map((values) => discountedIfAlive(model, values, x, T, settings)),
        silence: silenceCurve(model, parameters, x, T, horizon),
        spend:
          counts && spending && Number.isFinite(counts[0]) ? spending.forHistory(x, counts) : null,
      };
      byAge.set(T, pair);
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
    spendLowFactor: new Float64Array(rows),
    spendHighFactor: new Float64Array(rows),
  };
  const gradient = new Float64Array(dimension);
  const alive = new Float64Array(variants.length);
  for (let i = 0; i < rows; i++) {
    const x = histories.frequency[i] ?? 0;
    const tx = histories.recency[i] ?? 0;
    const T = histories.age[i] ?? 0;
    const pair = pairOf(x, T);
    for (let v = 0; v < variants.length; v++) {
      alive[v] = model.probabilityAlive(variants[v] ?? parameters, x, tx, T);
    }
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
    const wait = nextPurchaseWait(pair.silence, pAlive);
    forecast.daysToNextPurchase[i] = wait === null ? NaN : wait * settings.unitDays;
    forecast.spendLowFactor[i] = pair.spend ? spendQuantile(pair.spend, pAlive, LOW_LEVEL) : NaN;
    forecast.spendHighFactor[i] = pair.spend ? spendQuantile(pair.spend, pAlive, HIGH_LEVEL) : NaN;
  }
  return forecast;
}

/** What every history with the same (x, T) shares. */
interface Pair {
  total: number;
  discounted: number[];
  silence: ReturnType<typeof silenceCurve>;
  spend: ReturnType<ReturnType<typeof spendDistributions>['forHistory']> | null;
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

/** Σ over months k = 1..⌈H⌉ (the last one cut at H) of (E[Y(t_k)] − E[Y(t_{k−1})]) / (1 + d)^k, for a customer alive at T. */
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
  // A horizon of part of a month (a holdout period, say) ends with that part.
  for (let k = 1; k < settings.horizonMonths + 1; k++) {
    const span = Math.min(k, settings.horizonMonths) * month;
    const cumulative = model.expectedPurchasesIfAlive(parameters, x, T, span);
    total += (cumulative - previous) / Math.pow(1 + settings.monthlyDiscountRate, k);
    previous = cumulative;
  }
  return total;
}
