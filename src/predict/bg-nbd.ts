import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { fitModel } from './fit-model.js';
import type { Objective } from './optimize/objective.js';
import { positive } from './parameters.js';
import type { PurchaseModel } from './purchase-model.js';
import { checkPurchaseSummary } from './summary-checks.js';
import type { PurchaseSummary } from './summary.js';
import { summaryCustomers } from './summary.js';

/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): purchases follow
 * a Poisson process with rate λ ~ Gamma(r, α) while alive; after each purchase the customer
 * drops out with probability p ~ Beta(a, b). Parameters in order r, alpha, a, b.
 */
export const bgNbd: PurchaseModel = {
  name: 'bgnbd',
  parameters: [positive('r'), positive('alpha'), positive('a'), positive('b')],
  fit(summary) {
    const warnings = checkPurchaseSummary('BG/NBD', summary);
    let meanAge = 0;
    summary.age.forEach((T, i) => (meanAge += T * (summary.weight[i] ?? 0)));
    meanAge /= summaryCustomers(summary);
    const starts = [
      [1, meanAge / 10, 1, 1],
      [0.5, meanAge, 0.5, 2],
      [1, 1, 1, 1],
    ].map((values) => values.map(Math.log));
    return fitModel({
      model: 'bgnbd',
      parameters: this.parameters,
      objective: bgNbdObjective(summary),
      starts,
      observations: summaryCustomers(summary),
      warnings,
    });
  },
  logLikelihood(parameters, summary) {
    return -bgNbdObjective(summary)(Float64Array.from(parameters, Math.log), null);
  },
  probabilityAlive([r = NaN, alpha = NaN, a = NaN, b = NaN], x, tx, T) {
    if (x === 0) return 1;
    return 1 / (1 + Math.exp(logDropoutOdds(r, alpha, a, b, x, tx, T)));
  },
  expectedPurchasesIfAlive([r = NaN, alpha = NaN, a = NaN, b = NaN], x, T, t) {
    // Eq. 10 of the paper divided by its P(alive) denominator. It is 0/0 at a = 1, where the
    // function is smooth, so it is read off its neighbours there.
    const near = 1e-5;
    if (Math.abs(a - 1) < near) {
      return (
        (aliveExpectation(r, alpha, 1 - near, b, x, T, t) +
          aliveExpectation(r, alpha, 1 + near, b, x, T, t)) /
        2
      );
    }
    return aliveExpectation(r, alpha, a, b, x, T, t);
  },
};

function aliveExpectation(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  T: number,
  t: number,
): number {
  if (t <= 0) return 0;
  const z = t / (alpha + T + t);
  // The paper's ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z) by Euler's transformation,
  // (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z): the same number, but the hypergeometric
  // function no longer overflows for frequent buyers or loses accuracy as z nears 1.
  const bracket = 1 - Math.pow(1 - z, a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  return ((a + b + x - 1) / (a - 1)) * bracket;
}

/** ln D, where P(alive) = 1 / (1 + D) for x > 0 (eq. 11 of the paper). */
function logDropoutOdds(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number,
): number {
  return Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
}

/**
 * −Σ w·ln L(r, α, a, b | x, t_x, T) on θ = log-parameters, with its exact gradient. The
 * per-customer likelihood is eq. 6 of the paper, written as
 * ln L = ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T) + ln B(a, b+x) − ln B(a, b) + ln(1 + D).
 */
export function bgNbdObjective(summary: PurchaseSummary): Objective {
  const { frequency, recency, age, weight } = summary;
  const rows = weight.length;
  // Terms that depend on x alone are computed once per distinct x.
  const distinct = [...new Set(frequency)];
  const slot = new Map(distinct.map((x, i) => [x, i]));
  const slots = Uint32Array.from(frequency, (x) => slot.get(x) ?? 0);
  const weightByX = new Float64Array(distinct.length);
  for (let i = 0; i < rows; i++) {
    const k = slots[i] ?? 0;
    weightByX[k] = (weightByX[k] ?? 0) + (weight[i] ?? 0);
  }
  return (theta, gradient) => {
    const [r = NaN, alpha = NaN, a = NaN, b = NaN] = Array.from(theta, Math.exp);
    if (![r, alpha, a, b].every((v) => Number.isFinite(v) && v > 0)) return Infinity;
    let total = 0;
    let dr = 0;
    let dAlpha = 0;
    let da = 0;
    let db = 0;
    distinct.forEach((x, k) => {
      const w = weightByX[k] ?? 0;
      total +=
        w *
        (gammaln(r + x) -
          gammaln(r) +
          gammaln(b + x) -
          gammaln(b) -
          gammaln(a + b + x) +
          gammaln(a + b));
      if (gradient) {
        const common = digamma(a + b) - digamma(a + b + x);
        dr += w * (digamma(r + x) - digamma(r));
        da += w * common;
        db += w * (digamma(b + x) - digamma(b) + common);
      }
    });
    const logAlpha = Math.log(alpha);
    for (let i = 0; i < rows; i++) {
      const x = frequency[i] ?? 0;
      const T = age[i] ?? 0;
      const w = weight[i] ?? 0;
      const logAlphaT = Math.log(alpha + T);
      let value = r * logAlpha - (r + x) * logAlphaT;
      let share = 0;
      let logRatio = 0;
      const tx = recency[i] ?? 0;
      if (x > 0) {
        logRatio = logAlphaT - Math.log(alpha + tx);
        const logD = Math.log(a / (b + x - 1)) + (r + x) * logRatio;
        // ln(1 + e^logD) without overflow; share = D / (1 + D).
        value += logD > 0 ? logD + Math.log1p(Math.exp(-logD)) : Math.log1p(Math.exp(logD));
        share = logD > 0 ? 1 / (1 + Math.exp(-logD)) : Math.exp(logD) / (1 + Math.exp(logD));
      }
      total += w * value;
      if (gradient) {
        dr += w * (logAlpha - logAlphaT + share * logRatio);
        dAlpha +=
          w *
          (r / alpha -
            (r + x) / (alpha + T) +
            share * (r + x) * (1 / (alpha + T) - 1 / (alpha + tx)));
        if (x > 0) {
          da += (w * share) / a;
          db -= (w * share) / (b + x - 1);
        }
      }
    }
    if (gradient) {
      // Chain rule to θ = ln(parameter), and the sign of the negative log-likelihood.
      gradient[0] = -dr * r;
      gradient[1] = -dAlpha * alpha;
      gradient[2] = -da * a;
      gradient[3] = -db * b;
    }
    return Number.isFinite(total) ? -total : Infinity;
  };
}
