import gammaln from '@stdlib/math-base-special-gammaln';
import type { Random } from '../../shared/random.js';

// Inversion walks the probabilities from 0 and costs about mean + 1 steps; above this mean a
// constant-time method wins. Hörmann's PTRS also needs a mean of at least 10.
const INVERSION_MEAN_LIMIT = 10;
// Below this cap the beta-geometric walk is cheaper than drawing p (two gammas) and G.
const WALK_LIMIT = 16;

/** Poisson(mean): inversion for small means, Hörmann's PTRS rejection for large ones. */
export function poisson(random: Random, mean: number): number {
  if (!(mean > 0)) return 0;
  return mean < INVERSION_MEAN_LIMIT
    ? poissonByInversion(random, mean)
    : poissonByRejection(random, mean);
}

function poissonByInversion(random: Random, mean: number): number {
  const u = random.next();
  let k = 0;
  let probability = Math.exp(-mean);
  let cumulative = probability;
  // The underflow guard stops a u within rounding of 1 from walking forever.
  while (u >= cumulative && probability > 0) {
    k += 1;
    probability *= mean / k;
    cumulative += probability;
  }
  return k;
}

/**
 * Transformed rejection with squeeze (Hörmann 1993, "The transformed rejection method for
 * generating Poisson random variables", algorithm PTRS): a hat built from a transformed
 * uniform, accepted outright in the central region and by the exact log-probability elsewhere.
 */
function poissonByRejection(random: Random, mean: number): number {
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const logAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const acceptAll = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random.next() - 0.5;
    const v = random.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= acceptAll) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const logHat = Math.log(v) + logAlpha - Math.log(a / (us * us) + b);
    if (logHat <= -mean + k * logMean - gammaln(k + 1)) return k;
  }
}

/**
 * Events in (0, t] of a Poisson process whose rate is Gamma(shape r, rate alpha): a negative
 * binomial. The rate itself is never needed downstream, so small means skip its gamma draw
 * and invert the negative binomial directly; large means draw the rate, then a Poisson.
 */
export function gammaPoisson(random: Random, r: number, alpha: number, t: number): number {
  if (r * (t / alpha) >= INVERSION_MEAN_LIMIT) {
    return poisson(random, random.gamma(r, 1 / alpha) * t);
  }
  const odds = t / (alpha + t);
  const u = random.next();
  let k = 0;
  let probability = Math.pow(alpha / (alpha + t), r);
  let cumulative = probability;
  while (u >= cumulative && probability > 0) {
    probability *= ((r + k) / (k + 1)) * odds;
    k += 1;
    cumulative += probability;
  }
  return k;
}

/** Trials up to and including the first success, each a success with probability p. */
export function geometric(random: Random, p: number): number {
  if (p >= 1) return 1;
  if (!(p > 0)) return Infinity;
  // P(G > k) = (1 − p)^k, so G − 1 is an exponential's floor on the scale −log(1 − p).
  return 1 + Math.floor(Math.log(1 - random.next()) / Math.log1p(-p));
}

/**
 * min(G, cap) for G ~ Geometric(p) with p ~ Beta(a, b). A small cap inverts G's marginal
 * survival P(G > k) = B(a, b + k) / B(a, b) = Π_{j<k} (b + j)/(a + b + j) up to the cap,
 * with one uniform and no p; a large cap draws p and G, which costs the same at any size.
 */
export function cappedBetaGeometric(random: Random, a: number, b: number, cap: number): number {
  if (cap > WALK_LIMIT) return Math.min(geometric(random, random.beta(a, b)), cap);
  const u = random.next();
  let survival = 1;
  for (let k = 1; k < cap; k++) {
    survival *= (b + k - 1) / (a + b + k - 1);
    if (u >= survival) return k;
  }
  return cap;
}
