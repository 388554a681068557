import type { ModelFit } from './fit.js';
import type { ParameterSpec } from './parameters.js';
import type { PurchaseSummary } from './summary.js';

/** How far `purchaseCountIfAlive` goes. */
export interface CountOptions {
  /** Stop at the first k where P(X > k) is below this (default 1e-9). */
  tail?: number;
  /** Never more than this many counts past 0 (default 10,000). */
  maxCount?: number;
}

/**
 * A model of how many purchases customers make and when they stop (BG/NBD, MBG/NBD,
 * Pareto/NBD). Parameters are natural-scale values in `parameters` order. The models factor
 * the conditional expectation as E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · E[Y(t) | alive, x, T],
 * which lets predictions compute the second factor once per (x, T).
 */
export interface PurchaseModel {
  name: 'bgnbd' | 'mbgnbd' | 'paretonbd';
  parameters: readonly ParameterSpec[];
  /**
   * Maximum likelihood. `start`, natural-scale parameters (say, a fit of the same model on
   * part of the data), is tried first: from near the optimum a fit takes a few steps.
   */
  fit(summary: PurchaseSummary, start?: readonly number[]): ModelFit;
  /** Sum over the summary's rows of weight × log-likelihood. */
  logLikelihood(parameters: readonly number[], summary: PurchaseSummary): number;
  /** P(alive at T | x, t_x, T). */
  probabilityAlive(parameters: readonly number[], x: number, tx: number, T: number): number;
  /** Expected purchases in (T, T + t] for a customer still alive at T with x repeat purchases. */
  expectedPurchasesIfAlive(parameters: readonly number[], x: number, T: number, t: number): number;
  /**
   * P(X(T, T+t] = k | alive at T, x, T) for k = 0, 1, …: the pmf of future purchases of a
   * customer still alive at T, up to the first k where the remaining tail mass is below
   * `tail` (default 1e-9) or `maxCount` (default 10_000) terms; the last entry may be read as
   * "k or more". Its mean is `expectedPurchasesIfAlive` up to the tail it cuts. A single NaN
   * when the parameters are not positive finite numbers or t is not finite; [1] for t ≤ 0.
   */
  purchaseCountIfAlive(
    parameters: readonly number[],
    x: number,
    T: number,
    t: number,
    options?: CountOptions,
  ): Float64Array;
  /**
   * P(X(T, T+t] = 0 | alive at T, x, T): the first term of `purchaseCountIfAlive`, computed
   * on its own because the next-purchase date needs it at many t. NaN for parameters that are
   * not positive finite numbers; 1 for t ≤ 0.
   */
  noPurchaseIfAlive(parameters: readonly number[], x: number, T: number, t: number): number;
}

/** The options with their defaults filled in. */
export function countLimits(options: CountOptions = {}): { tail: number; maxCount: number } {
  return { tail: options.tail ?? 1e-9, maxCount: options.maxCount ?? 10_000 };
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t time units. */
export function expectedPurchases(
  model: PurchaseModel,
  parameters: readonly number[],
  x: number,
  tx: number,
  T: number,
  t: number,
): number {
  return (
    model.probabilityAlive(parameters, x, tx, T) *
    model.expectedPurchasesIfAlive(parameters, x, T, t)
  );
}
