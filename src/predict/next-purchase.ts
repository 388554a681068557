import type { PurchaseModel } from './purchase-model.js';

/** ln P(no purchase in t | alive) on a grid, for one (x, T). */
export interface SilenceCurve {
  /** The grid in w = ln(1 + t/scale), from 0 to the horizon's. */
  w: Float64Array;
  logSilence: Float64Array;
  scale: number;
}

const POINTS = 17;

/**
 * P(no purchase in t | alive at T) over (0, horizon] for one history. In w = ln(1 + t/(α + T))
 * the NBD's ln P0 = −(r + x)·w is a straight line, and the models' other factors (dropout,
 * death) bend it gently, so a few points and linear interpolation give the time at which a
 * probability is reached to within hours (the tests compare with a direct search). α is the
 * second parameter of every purchase model.
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
  const logSilence = w.map((value) =>
    Math.log(model.noPurchaseIfAlive(parameters, x, T, scale * Math.expm1(value))),
  );
  return { w, logSilence, scale };
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
  const w0 = w[i - 1] ?? 0;
  const w1 = w[i] ?? 0;
  const l0 = logSilence[i - 1] ?? 0;
  const l1 = logSilence[i] ?? 0;
  const at = l0 === l1 ? w1 : w0 + ((target - l0) / (l1 - l0)) * (w1 - w0);
  return curve.scale * Math.expm1(at);
}
