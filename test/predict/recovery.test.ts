import { describe, expect, it } from 'vitest';
import { bgNbd } from '../../src/predict/bg-nbd.js';
import type { ModelFit } from '../../src/predict/fit.js';
import { fitGammaGamma } from '../../src/predict/gamma-gamma.js';
import { mbgNbd } from '../../src/predict/mbg-nbd.js';
import { paretoNbd } from '../../src/predict/pareto-nbd.js';
import {
  groupPurchaseSummary,
  simulateBgNbd,
  simulateMbgNbd,
  simulateParetoNbd,
  simulateSpend,
  spendSummary,
} from '../../src/predict/simulate/index.js';

// Truths near the published CDNOW estimates (weeks), so the simulated data look like the data
// the models are used on. T = 39 weeks is CDNOW's calibration period.
const BG_NBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const MBG_NBD = { r: 0.525, alpha: 6.18, a: 0.891, b: 1.614 };
const PARETO_NBD = { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 };
const SPEND = { p: 6.25, q: 3.74, gamma: 15.44 };
const T = 39;
// One seed for all, not searched for. With 3–4 correlated parameters some estimate misses
// 2 SE by chance in about one seed in thirteen (15 of 200 seeds for BG/NBD and for Gamma-Gamma,
// with no bias). Should a change of code move these draws onto a miss, check the bias over
// many seeds before changing the seed.
const SEED = 1;

/** Each estimate within two of its standard errors of the truth, listing any that are not. */
function expectRecovered(fit: ModelFit, truth: Record<string, number>): void {
  expect(fit.converged).toBe(true);
  const misses = Object.entries(truth).flatMap(([name, value]) => {
    const estimate = fit.parameters[name] ?? NaN;
    const se = fit.standardErrors[name] ?? NaN;
    return Math.abs(estimate - value) <= 2 * se
      ? []
      : [`${name}: ${estimate.toPrecision(4)} ± ${se.toPrecision(2)} vs ${value}`];
  });
  expect(misses).toEqual([]);
}

describe('fits recover the parameters that simulated the data', () => {
  it('BG/NBD from 50,000 customers', () => {
    const customers = simulateBgNbd(BG_NBD, { customers: 50_000, T, seed: SEED });
    expectRecovered(bgNbd.fit(groupPurchaseSummary(customers)), BG_NBD);
  });

  it('MBG/NBD from 50,000 customers', () => {
    const customers = simulateMbgNbd(MBG_NBD, { customers: 50_000, T, seed: SEED });
    expectRecovered(mbgNbd.fit(groupPurchaseSummary(customers)), MBG_NBD);
  });

  it('Pareto/NBD from 50,000 customers', () => {
    const customers = simulateParetoNbd(PARETO_NBD, { customers: 50_000, T, seed: SEED });
    expectRecovered(paretoNbd.fit(groupPurchaseSummary(customers)), PARETO_NBD);
  });

  it('Gamma-Gamma from the repeat buyers among 50,000 BG/NBD customers', () => {
    const customers = simulateBgNbd(BG_NBD, { customers: 50_000, T, seed: SEED });
    customers.monetary = simulateSpend(SPEND, customers.frequency, SEED);
    const spend = spendSummary(customers);
    expect(spend.weight.length).toBeGreaterThan(15_000);
    expectRecovered(fitGammaGamma(spend), SPEND);
  });
});
