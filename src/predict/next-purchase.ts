import type { PurchaseModel } from './purchase-model.js';

/** ln P(no purchase in t | alive) on a grid, for one (x, T). */
export interface SilenceCurve {
  /** The grid in w = ln(1 + t/scale), from 0 to the horizon's. */
  w: Float64Array;
  logSilence: Float64Array;
  scale: number;
  /** The exact ln P0 at a point of w, for refining between grid points. */
  at(w: number): number;
}

const POINTS = 17;

/**
 * P(no purchase in t | alive at T) over (0, horizon] for one history. In w = ln(1 + t/(α + T))
 * the NBD's ln P0 = −(r + x)·w is a straight line, and the models' other factors (dropout,
 * death) bend it gently: the grid brackets the time a probability is reached, and regula falsi
 * on the exact function finds it within minutes in a few steps (one for BG/NBD and MBG/NBD,
 * whose line is straight). α is the second parameter of every purchase model.
 */
export function silenceCurve(
  model: PurchaseModel,
  parameters: readonly number[],
  x: number,
  T: number,
  horizon: number,
): SilenceCurve {
  const scale = (parameters[1] ?? NaN) + T;
  const top = Math.log1p(horizon / scale);
  const w = Float64Array.from({ length: POINTS }, (_, i) => (top * i) / (POINTS - 1));
  const at = (value: number) =>
    Math.log(model.noPurchaseIfAlive(parameters, x, T, scale * Math.expm1(value)));
  return { w, logSilence: w.map(at), scale, at };
}

/**
 * The time by which a purchase is more likely than not: the t where P(alive) · (1 − P0(t))
 * reaches 1/2. Null when it does not happen within the curve's horizon (always so for a
 * customer with P(alive) ≤ 1/2).
 */
export function nextPurchaseWait(curve: SilenceCurve, probabilityAlive: number): number | null {
  if (!(probabilityAlive > 0.5)) return null;
  const target = Math.log(1 - 0.5 / probabilityAlive);
  const { w, logSilence } = curve;
  const last = w.length - 1;
  if (!((logSilence[last] ?? NaN) <= target)) return null;
  let i = 1;
  while (i < last && (logSilence[i] ?? -Infinity) > target) i++;
  return (
    curve.scale *
    Math.expm1(
      refine(
        curve.at,
        target,
        w[i - 1] ?? 0,
        logSilence[i - 1] ?? 0,
        w[i] ?? 0,
        logSilence[i] ?? 0,
      ),
    )
  );
}

// Regula falsi (Illinois) steps at most, and the width in w at which they stop.
const REFINE_STEPS = 12;
const REFINE_WIDTH = 1e-7;

/** The w in [w0, w1] where the decreasing f equals target, f(w0) > target ≥ f(w1). */
function refine(
  f: (w: number) => number,
  target: number,
  w0: number,
  f0: number,
  w1: number,
  f1: number,
): number {
  let low = w0;
  let high = w1;
  let gLow = f0 - target;
  let gHigh = f1 - target;
  let side = 0;
  for (let step = 0; step < REFINE_STEPS && high - low > REFINE_WIDTH; step++) {
    const guess = gLow === gHigh ? high : high - (gHigh * (high - low)) / (gHigh - gLow);
    const g = f(guess) - target;
    if (Math.abs(g) < 1e-12) return guess;
    if (g > 0) {
      low = guess;
      gLow = g;
      if (side === -1) gHigh /= 2;
      side = -1;
    } else {
      high = guess;
      gHigh = g;
      if (side === 1) gLow /= 2;
      side = 1;
    }
  }
  return gLow === gHigh ? high : high - (gHigh * (high - low)) / (gHigh - gLow);
}
