import { betaGeometricObjective } from './beta-geometric-likelihood.js';
import { betaGeometricModel } from './beta-geometric-model.js';
import type { Objective } from './optimize/objective.js';
import type { PurchaseSummary } from './summary.js';

/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison of models
 * for customer base analysis", IJRM 24(3)): BG/NBD in which the customer may also drop out
 * right after the first purchase, so one-time buyers are not alive for certain. With x repeat
 * purchases the customer has survived x + 1 dropout occasions, hence, from the paper:
 * - likelihood: L = B(a, b+x+1)/B(a, b) · Γ(r+x) α^r / Γ(r) · [(α+T)^−(r+x) + a/(b+x) · (α+t_x)^−(r+x)]
 *   for every x, t_x = 0 when x = 0;
 * - P(alive) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)) (its Appendix A);
 * - E[Y(t) | alive] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(α+T+t))],
 *   as corrected by Wagner & Hoppe (2008, "Erratum on the MBG/NBD model", IJRM 25(3)):
 *   BG/NBD's expression with b + 1 for b, because given alive p ~ Beta(a, b + x + 1).
 * Parameters in order r, alpha, a, b.
 */
export const mbgNbd = betaGeometricModel({
  name: 'mbgnbd',
  label: 'MBG/NBD',
  dropoutAtFirstPurchase: true,
});

/** −Σ w·ln L of MBG/NBD on log-parameters, with its exact gradient. */
export function mbgNbdObjective(summary: PurchaseSummary): Objective {
  return betaGeometricObjective(summary, true);
}
