import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import type { ModelFit } from './fit.js';
import { fitModel } from './fit-model.js';
import { withNumericGradient } from './optimize/objective.js';
import {
  allPositiveFinite,
  naturalValues,
  positive,
  thetaValues,
  warmStart,
} from './parameters.js';
import { paretoNoPurchase } from './pareto-no-purchase.js';
import { paretoCountPmf } from './pareto-nbd-counts.js';
import type { PurchaseModel } from './purchase-model.js';
import { countLimits } from './purchase-model.js';
import { checkPurchaseSummary } from './summary-checks.js';
import type { PurchaseSummary } from './summary.js';
import { summaryCustomers } from './summary.js';

/*
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987): while alive a customer buys at Poisson
 * rate λ ~ Gamma(r, α) and dies at exponential rate μ ~ Gamma(s, β). The likelihood, P(alive)
 * and conditional expectation are those of Fader & Hardie (2005), "A Note on Deriving the
 * Pareto/NBD Model and Related Expressions", sections 3, 5 and 6 (cited below as F&H).
 */

const PARAMETERS = [positive('r'), positive('alpha'), positive('s'), positive('beta')];

// stdlib's hyp2f1 sums the plain power series up to z = 0.9. Above that it switches to
// connection formulas that overflow Γ(c) once x ≳ 170 (NaN) and lose up to 1e-4 relative
// accuracy when s is near an integer, so there we use the continued fraction instead.
const SERIES_LIMIT = 0.9;
const MAX_FRACTION_TERMS = 20_000;

interface Parameters {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

function unpack(values: readonly number[]): Parameters {
  const [r = NaN, alpha = NaN, s = NaN, beta = NaN] = values;
  return { r, alpha, s, beta };
}

/** ln 2F1(1, b; c; z) for c > b > 0 and 0 ≤ z < 1, where every series term is positive. */
function logHyp2f1One(b: number, c: number, z: number): number {
  if (z <= SERIES_LIMIT) return Math.log(hyp2f1(1, b, c, z));
  // 2F1(1, a + q; a + 1; z) is the continued fraction of the incomplete beta function,
  // DLMF 8.17.22–24, with a = c − 1 and q = b − c + 1, evaluated by the modified Lentz method.
  // It needs ~10⁻²/(1 − z) terms at worst, so the cap only bites for 1 − z below ~10⁻⁶
  // (α/β or β/α beyond ~10⁶), where the value returned is finite and slightly low. Such
  // ratios are where an optimizer wanders on data that do not identify the model, and a
  // higher cap made one likelihood evaluation there cost milliseconds.
  const a = c - 1;
  const q = b - a;
  const tiny = 1e-300;
  let f = 1;
  let upper = 1;
  let lower = 0;
  for (let n = 1; n <= MAX_FRACTION_TERMS; n++) {
    const k = Math.floor(n / 2);
    const d =
      n % 2 === 0
        ? (k * (q - k) * z) / ((a + 2 * k - 1) * (a + 2 * k))
        : (-(a + k) * (a + q + k) * z) / ((a + 2 * k) * (a + 2 * k + 1));
    lower = 1 + d * lower;
    lower = 1 / (Math.abs(lower) < tiny ? tiny : lower);
    upper = 1 + d / upper;
    if (Math.abs(upper) < tiny) upper = tiny;
    const delta = upper * lower;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return -Math.log(f);
}

/**
 * ln of F&H's 2F1(m, ·; m + 1; z) / (max(α, β) + t)^m with m = r + s + x, whose difference
 * at t_x and T is A₀. Euler's transformation 2F1(a, b; c; z) = (1 − z)^(c−a−b) 2F1(c − a, c − b;
 * c; z) turns it into 2F1(1, ·; m + 1; z), a sum of positive terms that stays moderate as z → 1;
 * the power of 1 − z that overflows for large x is taken in logs.
 */
function logBoundary(p: Parameters, x: number, t: number): number {
  const m = p.r + p.s + x;
  const logA = Math.log(p.alpha + t);
  const logB = Math.log(p.beta + t);
  if (p.alpha >= p.beta) {
    const z = (p.alpha - p.beta) / (p.alpha + t);
    return logHyp2f1One(p.r + x, m + 1, z) - (p.r + x) * logA - p.s * logB;
  }
  const z = (p.beta - p.alpha) / (p.beta + t);
  return logHyp2f1One(p.s + 1, m + 1, z) - (p.r + x - 1) * logA - (p.s + 1) * logB;
}

function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const high = Math.max(a, b);
  return high + Math.log1p(Math.exp(Math.min(a, b) - high));
}

/** ln(1 − e^d) for d < 0, accurate at both ends (Mächler 2012). */
function log1mExp(d: number): number {
  return d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d));
}

/**
 * The bracket of F&H's likelihood, split as ln of its "alive at T" term and ln of the whole:
 * their difference is ln P(alive) (F&H section 5).
 */
function logBracket(
  p: Parameters,
  x: number,
  tx: number,
  T: number,
  boundary: (t: number) => number = (t) => logBoundary(p, x, t),
): { alive: number; total: number } {
  const alive = -(p.r + x) * Math.log(p.alpha + T) - p.s * Math.log(p.beta + T);
  const atTx = boundary(tx);
  const atT = boundary(T);
  // s/(r+s+x) · A₀, A₀ = F(t_x) − F(T), is the part of the likelihood in which the customer
  // died in (t_x, T]: none when t_x = T.
  const died =
    atT < atTx ? Math.log(p.s / (p.r + p.s + x)) + atTx + log1mExp(atT - atTx) : -Infinity;
  return { alive, total: logAddExp(alive, died) };
}

function logLikelihood(values: readonly number[], summary: PurchaseSummary): number {
  const p = unpack(values);
  const base = -gammaln(p.r) + p.r * Math.log(p.alpha) + p.s * Math.log(p.beta);
  // Rows share x (and, within an x, the same t_x = 0 or T), so F is cached per (x, t).
  // One closure per x, not per row: a row costs a few logs, and making a function per row
  // was a good part of it.
  const byX = new Map<number, { logGamma: number; boundary: (t: number) => number }>();
  let total = 0;
  for (let i = 0; i < summary.weight.length; i++) {
    const weight = summary.weight[i] ?? 0;
    if (weight === 0) continue;
    const x = summary.frequency[i] ?? NaN;
    let shared = byX.get(x);
    if (!shared) {
      const cache = new Map<number, number>();
      shared = {
        logGamma: gammaln(p.r + x),
        boundary: (t: number): number => {
          let value = cache.get(t);
          if (value === undefined) {
            value = logBoundary(p, x, t);
            cache.set(t, value);
          }
          return value;
        },
      };
      byX.set(x, shared);
    }
    const bracket = logBracket(
      p,
      x,
      summary.recency[i] ?? NaN,
      summary.age[i] ?? NaN,
      shared.boundary,
    );
    total += weight * (base + shared.logGamma + bracket.total);
  }
  return total;
}

function fit(summary: PurchaseSummary, start?: readonly number[]): ModelFit {
  const warnings = checkPurchaseSummary('Pareto/NBD', summary);
  const customers = summaryCustomers(summary);
  let meanX = 0;
  let meanT = 0;
  summary.weight.forEach((w, i) => {
    meanX += (w * (summary.frequency[i] ?? 0)) / customers;
    meanT += (w * (summary.age[i] ?? 0)) / customers;
  });
  // A start on the data's own time scale (rate ≈ x̄ / T̄), so weeks and days both work.
  const scale = meanT > 0 ? meanT : 1;
  const starts = [
    ...warmStart(start).map((values) => thetaValues(PARAMETERS, values)),
    thetaValues(PARAMETERS, [Math.max(meanX, 0.05), scale, 1, scale]),
    new Float64Array(PARAMETERS.length),
    thetaValues(PARAMETERS, [0.5, 10, 0.5, 10]),
  ];
  const objective = withNumericGradient((theta) => {
    const values = naturalValues(PARAMETERS, theta);
    if (!values.every((v) => v > 0 && Number.isFinite(v))) return Infinity;
    const value = -logLikelihood(values, summary);
    return Number.isFinite(value) ? value : Infinity;
  });
  return fitModel({
    model: 'paretonbd',
    parameters: PARAMETERS,
    objective,
    starts,
    observations: customers,
    warnings,
  });
}

/** The Pareto/NBD purchase model. */
export const paretoNbd: PurchaseModel = {
  name: 'paretonbd',
  parameters: PARAMETERS,
  fit,
  logLikelihood,
  probabilityAlive(values, x, tx, T) {
    const bracket = logBracket(unpack(values), x, tx, T);
    return Math.min(1, Math.exp(bracket.alive - bracket.total));
  },
  expectedPurchasesIfAlive(values, x, T, t) {
    if (!allPositiveFinite(values)) return NaN;
    // Posterior λ ~ Gamma(r + x, α + T) and μ ~ Gamma(s, β + T) given alive at T; then
    // E[(1 − e^(−μt)) / μ] = ∫₀ᵗ ((β+T)/(β+T+u))^s du (F&H section 6).
    const p = unpack(values);
    const b = p.beta + T;
    const logRatio = Math.log1p(t / b);
    const e = (p.s - 1) * logRatio;
    const integral =
      Math.abs(e) < 1e-8 ? b * logRatio * (1 - e / 2) : (b * logRatio * -Math.expm1(-e)) / e;
    return ((p.r + x) / (p.alpha + T)) * integral;
  },
  noPurchaseIfAlive(values, x, T, t) {
    if (!allPositiveFinite(values)) return NaN;
    const p = unpack(values);
    return paretoNoPurchase({ shape: p.r + x, rate: p.alpha + T, s: p.s, beta: p.beta + T }, t);
  },
  purchaseCountIfAlive(values, x, T, t, options) {
    if (!allPositiveFinite(values)) return Float64Array.of(NaN);
    // The same posterior, alive at T: λ ~ Gamma(r + x, α + T), μ ~ Gamma(s, β + T).
    const p = unpack(values);
    const { tail, maxCount } = countLimits(options);
    const posterior = { shape: p.r + x, rate: p.alpha + T, s: p.s, beta: p.beta + T };
    return paretoCountPmf(posterior, t, tail, maxCount);
  },
};
