import { describe, expect, it } from 'vitest';
import { ModelDataError } from '../../src/predict/fit.js';
import { minimize } from '../../src/predict/optimize/minimize.js';
import { withNumericGradient } from '../../src/predict/optimize/objective.js';
import type { RetentionCohort, RetentionParameters } from '../../src/predict/sbg.js';
import {
  churnProbability,
  discountedExpectedLifetime,
  discountedExpectedResidualLifetime,
  fitSbg,
  projectAlive,
  retentionParameters,
  retentionRate,
  sbgLogLikelihood,
  sbgObjective,
  survival,
} from '../../src/predict/sbg.js';
import { Random } from '../../src/shared/random.js';

// Fader & Hardie (2007), Table 1: of 1000 customers acquired in year 0, alive at years 0..12.
const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394];

const threeDigits = (x: number) => Number(x.toPrecision(3));

/** The pooled log-likelihood by the paper's recursions, independent of the Beta functions. */
function handLogLikelihood({ alpha, beta }: RetentionParameters, cohorts: RetentionCohort[]) {
  let ll = 0;
  for (const { alive } of cohorts) {
    let s = 1;
    for (let t = 1; t < alive.length; t++) {
      const retained = (beta + t - 1) / (alpha + beta + t - 1);
      ll += ((alive[t - 1] ?? 0) - (alive[t] ?? 0)) * Math.log(s * (1 - retained));
      s *= retained;
    }
    ll += (alive[alive.length - 1] ?? 0) * Math.log(s);
  }
  return ll;
}

/** Σ_{t ≥ from} S(t) / (1 + d)^(t − from), summed until the terms vanish. */
function directSum(params: RetentionParameters, d: number, from: number) {
  let total = 0;
  for (let t = from; t < from + 20_000; t++) {
    total += survival(params, t) / (1 + d) ** (t - from);
  }
  return total;
}

describe('sBG quantities for simple parameters', () => {
  it('matches S(t) = 1/(t + 1) for α = β = 1', () => {
    const p = { alpha: 1, beta: 1 };
    for (let t = 0; t <= 10; t++) expect(survival(p, t)).toBeCloseTo(1 / (t + 1), 12);
    for (let t = 1; t <= 10; t++) {
      expect(retentionRate(p, t)).toBeCloseTo(t / (t + 1), 12);
      expect(churnProbability(p, t)).toBeCloseTo(1 / (t * (t + 1)), 12);
    }
    expect(projectAlive(p, 120, 3).map((n) => Number(n.toFixed(9)))).toEqual([120, 60, 40, 30]);
  });

  it('matches hand values for α = 2, β = 3', () => {
    const p = { alpha: 2, beta: 3 };
    expect(survival(p, 1)).toBeCloseTo(3 / 5, 12);
    expect(survival(p, 2)).toBeCloseTo((3 * 4) / (5 * 6), 12);
    expect(churnProbability(p, 1)).toBeCloseTo(2 / 5, 12);
    expect(churnProbability(p, 2)).toBeCloseTo((2 * 3) / (5 * 6), 12);
    expect(retentionRate(p, 2)).toBeCloseTo(4 / 6, 12);
    let churned = 0;
    for (let t = 1; t <= 6; t++) churned += churnProbability(p, t);
    expect(churned + survival(p, 6)).toBeCloseTo(1, 12);
  });
});

describe('fitSbg on the paper’s data (years 1..7)', () => {
  const cases = [
    { name: 'Regular', alive: REGULAR, alpha: 0.704, beta: 1.182, bound: 0.02 },
    { name: 'High End', alive: HIGH_END, alpha: 0.668, beta: 3.806, bound: 0.05 },
  ];
  for (const { name, alive, alpha, beta, bound } of cases) {
    it(`reproduces the published ${name} estimates and projects years 8..12`, () => {
      const fit = fitSbg([{ alive: alive.slice(0, 8) }]);
      expect(fit.model).toBe('sbg');
      expect(fit.converged).toBe(true);
      expect(fit.warnings).toEqual([]);
      expect(fit.observations).toBe(1000);
      expect(threeDigits(fit.parameters['alpha'] ?? NaN)).toBe(threeDigits(alpha));
      expect(threeDigits(fit.parameters['beta'] ?? NaN)).toBe(threeDigits(beta));
      // The paper's figure shows the projections hugging the actual curves five years out.
      // Measured: Regular within 1.8% (1.3% at year 8, 1.7% at 12); High End within 4.1%
      // (1.6% at year 8, 4.1% at 12). Both fall slightly short, more so the longer the horizon.
      const projected = projectAlive(retentionParameters(fit), 1000, 12);
      for (let t = 8; t <= 12; t++) {
        const error = (projected[t] ?? NaN) / (alive[t] ?? NaN) - 1;
        expect(Math.abs(error)).toBeLessThan(bound);
      }
    });
  }
});

describe('the likelihood', () => {
  const cohorts = [
    { alive: [1000, 631, 468, 382, 326] },
    { alive: [800, 500, 371] },
    { alive: [600, 390] },
    { alive: [300, 180, 140, 118, 100, 90, 82] },
  ];

  it('has an exact gradient that agrees with finite differences', () => {
    const objective = sbgObjective(cohorts);
    const numeric = withNumericGradient((x) => objective(x, null));
    for (const [a, b] of [
      [0.7, 1.2],
      [0.05, 0.3],
      [8, 40],
      [2, 0.5],
    ]) {
      const theta = Float64Array.of(Math.log(a ?? NaN), Math.log(b ?? NaN));
      const exact = new Float64Array(2);
      const approx = new Float64Array(2);
      objective(theta, exact);
      numeric(theta, approx);
      for (let i = 0; i < 2; i++) {
        expect(Math.abs((exact[i] ?? NaN) - (approx[i] ?? NaN))).toBeLessThan(
          1e-5 * Math.max(1, Math.abs(approx[i] ?? NaN)),
        );
      }
    }
  });

  it('fits cohorts of different ages jointly by the pooled likelihood computed by hand', () => {
    const fit = fitSbg(cohorts);
    const fitted = retentionParameters(fit);
    expect(fit.logLikelihood).toBeCloseTo(handLogLikelihood(fitted, cohorts), 8);
    expect(sbgLogLikelihood({ alpha: 1.5, beta: 0.4 }, cohorts)).toBeCloseTo(
      handLogLikelihood({ alpha: 1.5, beta: 0.4 }, cohorts),
      8,
    );
    const byHand = minimize(
      withNumericGradient(
        (x) =>
          -handLogLikelihood({ alpha: Math.exp(x[0] ?? 0), beta: Math.exp(x[1] ?? 0) }, cohorts),
      ),
      [0, 0],
    );
    expect(byHand.converged).toBe(true);
    expect(fitted.alpha).toBeCloseTo(Math.exp(byHand.x[0] ?? NaN), 4);
    expect(fitted.beta).toBeCloseTo(Math.exp(byHand.x[1] ?? NaN), 4);
    expect(fit.observations).toBe(2700);
  });

  it('recovers known parameters from seeded simulated cohorts', () => {
    const random = new Random(2007);
    const truth = { alpha: 1.3, beta: 2.6 };
    const simulated = [3, 4, 5, 6, 7, 8].map((age) => {
      const alive = new Array<number>(age + 1).fill(0);
      for (let i = 0; i < 2000; i++) {
        const churn = random.beta(truth.alpha, truth.beta);
        for (let t = 0; t <= age; t++) {
          alive[t] = (alive[t] ?? 0) + 1;
          if (random.chance(churn)) break;
        }
      }
      return { alive };
    });
    const fit = fitSbg(simulated);
    for (const name of ['alpha', 'beta'] as const) {
      const se = fit.standardErrors[name] ?? NaN;
      expect(Math.abs((fit.parameters[name] ?? NaN) - truth[name])).toBeLessThan(3 * se);
      expect(se).toBeLessThan(0.25 * truth[name]);
    }
  });
});

describe('discounted expected (residual) lifetime', () => {
  const paramsList = [
    { alpha: 0.704, beta: 1.182 },
    { alpha: 0.668, beta: 3.806 },
    { alpha: 3, beta: 50 },
    { alpha: 0.2, beta: 0.3 },
  ];

  it('DEL = 2F1(1, β; α + β; 1/(1 + d)) equals the direct sum Σ S(t)/(1 + d)^t', () => {
    for (const p of paramsList) {
      for (const d of [0.01, 0.1, 0.5]) {
        expect(discountedExpectedLifetime(p, d) / directSum(p, d, 0)).toBeCloseTo(1, 9);
      }
    }
    // α = β = 1: Σ z^t / (t + 1) = −ln(1 − z)/z; with d = 0.1 that is 1.1 ln 11.
    expect(discountedExpectedLifetime({ alpha: 1, beta: 1 }, 0.1)).toBeCloseTo(
      1.1 * Math.log(11),
      12,
    );
    // d = 0: the mean lifetime E[T] = (α + β − 1)/(α − 1), infinite for α ≤ 1.
    expect(discountedExpectedLifetime({ alpha: 2, beta: 3 }, 0)).toBeCloseTo(4, 10);
    expect(discountedExpectedLifetime({ alpha: 0.7, beta: 1.2 }, 0)).toBe(Infinity);
  });

  it('DERL equals the direct sum of S(t)/S(n − 1) from the next renewal on', () => {
    for (const p of paramsList) {
      for (const d of [0.01, 0.1]) {
        for (const renewals of [0, 1, 4, 20]) {
          const n = renewals + 1;
          const direct = directSum(p, d, n) / survival(p, n - 1);
          expect(discountedExpectedResidualLifetime(p, d, renewals) / direct).toBeCloseTo(1, 9);
        }
        // Just acquired: the first payment, then the rest seen from one period later.
        const del = discountedExpectedLifetime(p, d);
        expect(1 + discountedExpectedResidualLifetime(p, d, 0) / (1 + d)).toBeCloseTo(del, 10);
      }
    }
  });

  it('rejects a negative discount rate and fractional renewals', () => {
    const p = { alpha: 1, beta: 1 };
    expect(() => discountedExpectedLifetime(p, -0.1)).toThrow(RangeError);
    expect(() => discountedExpectedResidualLifetime(p, 0.1, 1.5)).toThrow(RangeError);
    expect(() => discountedExpectedResidualLifetime(p, 0.1, -1)).toThrow(RangeError);
  });
});

describe('fitSbg input checks', () => {
  const bad: [string, RetentionCohort[], RegExp][] = [
    ['no cohorts', [], /no cohorts/],
    ['an empty cohort', [{ alive: [] }], /cohort 1 has no counts/],
    ['a fractional count', [{ alive: [100, 60.5, 40] }], /cohort 1 has 60.5 alive in period 1/],
    ['a negative count', [{ alive: [100, 60, 40] }, { alive: [-5] }], /cohort 2 has -5/],
    ['an increasing count', [{ alive: [100, 60, 70] }], /never increase/],
    ['nobody churning', [{ alive: [100, 100, 100] }, { alive: [50, 50] }], /nobody churned/],
    ['a single period', [{ alive: [100, 60] }, { alive: [80, 50] }], /2 periods/],
  ];
  for (const [what, cohorts, message] of bad) {
    it(`refuses ${what}`, () => {
      expect(() => fitSbg(cohorts)).toThrow(ModelDataError);
      expect(() => fitSbg(cohorts)).toThrow(message);
    });
  }

  it('warns when the data are tiny', () => {
    const fit = fitSbg([{ alive: [20, 12, 9] }]);
    expect(fit.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/only 20 customers/),
        expect.stringMatching(/only 11 churned/),
        expect.stringMatching(/only 2 periods/),
      ]),
    );
  });
});
