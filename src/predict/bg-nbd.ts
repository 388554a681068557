import { betaGeometricObjective } from './beta-geometric-likelihood.js';
import { betaGeometricModel } from './beta-geometric-model.js';
import type { Objective } from './optimize/objective.js';
import type { PurchaseSummary } from './summary.js';

/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): purchases follow
 * a Poisson process with rate λ ~ Gamma(r, α) while alive; after each repeat purchase the
 * customer drops out with probability p ~ Beta(a, b), so a customer without repeat purchases
 * is alive for certain. Parameters in order r, alpha, a, b. P(alive) is eq. 11 of the paper
 * (D = a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)); the expectation given alive, eq. 10 over P(alive).
 */
export const bgNbd = betaGeometricModel({
  name: 'bgnbd',
  label: 'BG/NBD',
  dropoutAtFirstPurchase: false,
});

/** −Σ w·ln L of BG/NBD (eq. 6 of the paper) on log-parameters, with its exact gradient. */
export function bgNbdObjective(summary: PurchaseSummary): Objective {
  return betaGeometricObjective(summary, false);
}
