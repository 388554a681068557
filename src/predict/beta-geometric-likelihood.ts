import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import type { Objective } from './optimize/objective.js';
import type { PurchaseSummary } from './summary.js';

/**
 * −Σ w·ln L(r, α, a, b | x, t_x, T) on θ = log-parameters, with its exact gradient, for the
 * two models in which a customer buys at Poisson rate λ ~ Gamma(r, α) and leaves with
 * probability p ~ Beta(a, b) at purchase occasions:
 * - BG/NBD (Fader, Hardie & Lee 2005, eq. 6), occasions = the x repeat purchases;
 * - MBG/NBD (Batislam, Denizel & Filiztekin 2007), occasions = the first purchase too.
 * With s = 1 for MBG/NBD and 0 for BG/NBD, both are
 *   L = B(a, b+x+s)/B(a, b) · Γ(r+x) α^r / Γ(r) · [(α+T)^−(r+x) + [x+s > 0] a/(b+x+s−1) · (α+t_x)^−(r+x)],
 * the first term "still alive at T", the second "left at the last occasion t_x". In logs:
 * ln L = ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T) + ln B(a, b+x+s) − ln B(a, b) + ln(1 + D),
 * D = a/(b+x+s−1) · ((α+T)/(α+t_x))^(r+x), the odds of having left (P(alive) = 1/(1 + D)).
 */
export function betaGeometricObjective(
  summary: PurchaseSummary,
  dropoutAtFirstPurchase: boolean,
): Objective {
  const s = dropoutAtFirstPurchase ? 1 : 0;
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
      const y = x + s;
      total +=
        w *
        (gammaln(r + x) -
          gammaln(r) +
          gammaln(b + y) -
          gammaln(b) -
          gammaln(a + b + y) +
          gammaln(a + b));
      if (gradient) {
        const common = digamma(a + b) - digamma(a + b + y);
        dr += w * (digamma(r + x) - digamma(r));
        da += w * common;
        db += w * (digamma(b + y) - digamma(b) + common);
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
      const y = x + s;
      if (y > 0) {
        logRatio = logAlphaT - Math.log(alpha + tx);
        const logD = Math.log(a / (b + y - 1)) + (r + x) * logRatio;
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
        if (y > 0) {
          da += (w * share) / a;
          db -= (w * share) / (b + y - 1);
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

/** ln of the odds D that a customer with history (x, t_x, T) has left; P(alive) = 1/(1 + D). */
export function logDropoutOdds(
  [r = NaN, alpha = NaN, a = NaN, b = NaN]: readonly number[],
  dropoutAtFirstPurchase: boolean,
  x: number,
  tx: number,
  T: number,
): number {
  const y = x + (dropoutAtFirstPurchase ? 1 : 0);
  if (y === 0) return -Infinity;
  return Math.log(a / (b + y - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
}
