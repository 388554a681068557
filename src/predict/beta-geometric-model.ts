import { betaGeometricObjective, logDropoutOdds } from './beta-geometric-likelihood.js';
import { dropoutCountPmf } from './dropout-counts.js';
import type { DropoutPosterior } from './dropout-counts.js';
import { dropoutCountMean } from './dropout-mean.js';
import { fitModel } from './fit-model.js';
import { allPositiveFinite, positive, warmStart } from './parameters.js';
import type { PurchaseModel } from './purchase-model.js';
import { countLimits } from './purchase-model.js';
import { checkPurchaseSummary } from './summary-checks.js';
import { summaryCustomers } from './summary.js';

interface BetaGeometricVariant {
  name: 'bgnbd' | 'mbgnbd';
  /** The name people read in messages. */
  label: string;
  /** MBG/NBD: a customer may also leave right after the first purchase. */
  dropoutAtFirstPurchase: boolean;
}

/**
 * BG/NBD or MBG/NBD: Poisson purchases at rate λ ~ Gamma(r, α) while alive, and a dropout
 * with probability p ~ Beta(a, b) at each purchase occasion. Parameters in order r, α, a, b.
 */
export function betaGeometricModel(variant: BetaGeometricVariant): PurchaseModel {
  const { name, label, dropoutAtFirstPurchase } = variant;
  const shift = dropoutAtFirstPurchase ? 1 : 0;
  // Given alive at T after x repeat purchases, λ ~ Gamma(r + x, α + T) and p ~ Beta(a, b + y),
  // y the occasions survived (x, or x + 1 with the first purchase): the prior Beta(a, b) times
  // the likelihood (1 − p)^y of surviving them, independent of λ (both likelihoods factor).
  const posterior = (
    [r = NaN, alpha = NaN, a = NaN, b = NaN]: readonly number[],
    x: number,
    T: number,
  ): DropoutPosterior => ({ shape: r + x, rate: alpha + T, a, b: b + x + shift });
  const parameters = [positive('r'), positive('alpha'), positive('a'), positive('b')];
  return {
    name,
    parameters,
    fit(summary, start) {
      const warnings = checkPurchaseSummary(label, summary);
      let meanAge = 0;
      summary.age.forEach((T, i) => (meanAge += T * (summary.weight[i] ?? 0)));
      meanAge /= summaryCustomers(summary);
      const starts = [
        ...warmStart(start),
        [1, meanAge / 10, 1, 1],
        [0.5, meanAge, 0.5, 2],
        [1, 1, 1, 1],
      ].map((values) => values.map(Math.log));
      return fitModel({
        model: name,
        parameters,
        objective: betaGeometricObjective(summary, dropoutAtFirstPurchase),
        starts,
        observations: summaryCustomers(summary),
        warnings,
      });
    },
    logLikelihood(values, summary) {
      const objective = betaGeometricObjective(summary, dropoutAtFirstPurchase);
      return -objective(Float64Array.from(values, Math.log), null);
    },
    probabilityAlive(values, x, tx, T) {
      return 1 / (1 + Math.exp(logDropoutOdds(values, dropoutAtFirstPurchase, x, tx, T)));
    },
    expectedPurchasesIfAlive(values, x, T, t) {
      if (!allPositiveFinite(values)) return NaN;
      return dropoutCountMean(posterior(values, x, T), t);
    },
    noPurchaseIfAlive(values, x, T, t) {
      if (!allPositiveFinite(values)) return NaN;
      if (!(t > 0)) return 1;
      // Dropout happens only right after a purchase: silence is the NBD's zero term.
      const { shape, rate } = posterior(values, x, T);
      return Math.exp(-shape * Math.log1p(t / rate));
    },
    purchaseCountIfAlive(values, x, T, t, options) {
      if (!allPositiveFinite(values)) return Float64Array.of(NaN);
      const { tail, maxCount } = countLimits(options);
      return dropoutCountPmf(posterior(values, x, T), t, tail, maxCount);
    },
  };
}
