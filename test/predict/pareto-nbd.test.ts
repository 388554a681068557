import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { describe, expect, it } from 'vitest';
import { ModelDataError } from '../../src/predict/fit.js';
import { parameterVector } from '../../src/predict/fit-model.js';
import { invertSymmetric, quadraticForm } from '../../src/predict/optimize/linear-algebra.js';
import { paretoNbd } from '../../src/predict/pareto-nbd.js';
import type { PurchaseSummary } from '../../src/predict/summary.js';
import { purchaseSummary } from '../../src/predict/summary.js';
import { cdnowSummaryRows } from '../helpers/cdnow-summary.js';

type Row = { frequency: number; recency: number; age: number; weight?: number };

/** The CDNOW calibration summary (weeks), identical rows merged into weighted ones. */
function cdnowRows(): Row[] {
  const counts = new Map<string, number>();
  for (const { frequency, recency, age } of cdnowSummaryRows()) {
    const key = [frequency, recency, age].join(',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, weight]) => {
    const [frequency = NaN, recency = NaN, age = NaN] = key.split(',').map(Number);
    return { frequency, recency, age, weight };
  });
}

// CLVTools' estimates for CDNOW; the original paper has 0.553, 10.578, 0.606, 11.669.
const PUBLISHED = [0.5532, 10.5763, 0.6062, 11.6715];
const PUBLISHED_LOG_LIKELIHOOD = -9594.98;

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);
}

/**
 * An independent log-likelihood: F&H's A₀ is (r+s+x) times an integral, so the bracket is
 * (α+T)^−(r+x) (β+T)^−s + s ∫ from t_x to T of (α+y)^−(r+x) (β+y)^−(s+1) dy, integrated here by
 * Simpson's rule instead of through the hypergeometric function.
 */
function quadratureLogLikelihood(p: readonly number[], x: number, tx: number, T: number): number {
  const [r = NaN, alpha = NaN, s = NaN, beta = NaN] = p;
  const logF = (y: number): number => -(r + x) * Math.log(alpha + y) - (s + 1) * Math.log(beta + y);
  const n = 20_000;
  const h = (T - tx) / n;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const weight = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
    sum += weight * Math.exp(logF(tx + i * h) - logF(tx));
  }
  // Logs throughout: for x = 300 both terms underflow as plain numbers.
  const logAlive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const logDead = Math.log(s) + logF(tx) + Math.log((sum * h) / 3);
  const high = Math.max(logAlive, logDead);
  const logBracket = high + Math.log(Math.exp(logAlive - high) + Math.exp(logDead - high));
  return gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta) + logBracket;
}

describe('Pareto/NBD on the CDNOW calibration data', () => {
  const summary = purchaseSummary(cdnowRows());

  it('reproduces the published log-likelihood at the published parameters', () => {
    const value = paretoNbd.logLikelihood(PUBLISHED, summary);
    expect(Math.abs(value - PUBLISHED_LOG_LIKELIHOOD)).toBeLessThan(0.1);
  });

  it('recovers the published estimates to three significant digits', () => {
    const fit = paretoNbd.fit(summary);
    expect(fit.converged).toBe(true);
    expect(fit.warnings).toEqual([]);
    expect(fit.observations).toBe(2357);
    PUBLISHED.forEach((value, i) => {
      const name = fit.parameterNames[i] ?? '?';
      expectRelative(fit.parameters[name] ?? NaN, value, 2e-3);
      expect(Number((fit.parameters[name] ?? NaN).toPrecision(3))).toBe(
        Number(value.toPrecision(3)),
      );
    });
    expect(Math.abs(fit.logLikelihood - PUBLISHED_LOG_LIKELIHOOD)).toBeLessThan(0.05);
    expect(fit.standardErrors.r).toBeGreaterThan(0);
  });

  it('gives weighted rows the log-likelihood of the same rows written out', () => {
    const rows = cdnowRows();
    const expanded = rows.flatMap((row) =>
      Array.from({ length: row.weight ?? 1 }, () => ({ ...row, weight: 1 })),
    );
    expect(expanded).toHaveLength(2357);
    const grouped = paretoNbd.logLikelihood(PUBLISHED, summary);
    expect(paretoNbd.logLikelihood(PUBLISHED, purchaseSummary(expanded))).toBeCloseTo(grouped, 8);
  });

  it('agrees with the likelihood integrated numerically, row by row', () => {
    for (const row of cdnowRows().slice(0, 60)) {
      const single = purchaseSummary([{ ...row, weight: 1 }]);
      expect(paretoNbd.logLikelihood(PUBLISHED, single)).toBeCloseTo(
        quadratureLogLikelihood(PUBLISHED, row.frequency, row.recency, row.age),
        9,
      );
    }
  });
});

/** Seeded uniform numbers in [0, 1) (mulberry32), so simulated data are the same every run. */
function uniforms(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), boosted for shape < 1. */
function gammaVariate(random: () => number, shape: number): number {
  if (shape < 1) return gammaVariate(random, shape + 1) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const v = (1 + c * normal) ** 3;
    if (v > 0 && Math.log(1 - random()) < normal ** 2 / 2 + d - d * v + d * Math.log(v)) {
      return d * v;
    }
  }
}

describe('Pareto/NBD on simulated customers', () => {
  it('recovers the parameters it simulated from', () => {
    const truth = [0.7, 8, 0.9, 15];
    const [r = 0, alpha = 0, s = 0, beta = 0] = truth;
    const random = uniforms(20240611);
    const days = (weeks: number): number => Math.round(weeks * 7) / 7;
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const lambda = gammaVariate(random, r) / alpha;
      const mu = gammaVariate(random, s) / beta;
      const age = 30 + 48 * random();
      const end = Math.min(age, -Math.log(1 - random()) / mu);
      let frequency = 0;
      let recency = 0;
      for (
        let t = -Math.log(1 - random()) / lambda;
        t < end;
        t -= Math.log(1 - random()) / lambda
      ) {
        frequency += 1;
        recency = t;
      }
      // Whole days, as real histories are recorded, so that rows group.
      const key = `${frequency},${days(recency)},${days(age)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const rows = [...counts].map(([key, weight]) => {
      const [frequency = NaN, recency = NaN, age = NaN] = key.split(',').map(Number);
      return { frequency, recency, age, weight };
    });
    const fit = paretoNbd.fit(purchaseSummary(rows));
    expect(fit.converged).toBe(true);
    // A joint Wald test on the log scale the optimizer works on: the correlated pairs (r, α) and
    // (s, β) stray together, so one-at-a-time bands would be the wrong yardstick.
    // 18.47 is the 0.999 quantile of χ² with 4 degrees of freedom.
    const error = truth.map(
      (value, i) => Math.log(parameterVector(fit)[i] ?? NaN) - Math.log(value),
    );
    const information = invertSymmetric(fit.covariance ?? []);
    expect(information).not.toBeNull();
    expect(quadraticForm(information ?? [], error)).toBeLessThan(18.47);
    fit.parameterNames.forEach((name) => {
      expect(fit.standardErrors[name] ?? Infinity).toBeLessThan((fit.parameters[name] ?? 0) / 5);
    });
  });
});

describe('Pareto/NBD predictions by hand', () => {
  it('P(alive) for x = 0 when α = β has a closed form', () => {
    // With α = β and t_x = 0, A₀ = α^−(r+s) − (α+T)^−(r+s), so
    // P(alive) = 1 / (1 + s/(r+s) · (((α+T)/α)^(r+s) − 1)).
    // r = 0.5, s = 0.8, α = β = 10, T = 30: 4^1.3 = 6.0628663, s/(r+s) · 5.0628663 = 3.1156100.
    expect(paretoNbd.probabilityAlive([0.5, 10, 0.8, 10], 0, 0, 30)).toBeCloseTo(1 / 4.11561, 6);
  });

  it('P(alive) for x = 0, r = s = 1 and α ≠ β by partial fractions (both branches)', () => {
    // The dead term is s/(r+s) · A₀ = ∫₀ᵀ dy / ((α+y)(β+y)²), and with d = α − β
    // 1/((α+y)(β+y)²) = 1/(d (β+y)²) − 1/(d² (β+y)) + 1/(d² (α+y)), so the integral is
    // (1/β − 1/(β+T))/d − ln((β+T)/β)/d² + ln((α+T)/α)/d². The alive term is 1/((α+T)(β+T)).
    // α = 2, β = 4, T = 10: −0.0892857 − 0.3131907 + 0.4479399 = 0.0454634; alive 1/168.
    expect(paretoNbd.probabilityAlive([1, 2, 1, 4], 0, 0, 10)).toBeCloseTo(
      1 / 168 / (1 / 168 + 0.0454634109),
      8,
    );
    // α = 4, β = 2, T = 10: 0.2083333 − 0.4479399 + 0.3131907 = 0.0735842; alive 1/168.
    expect(paretoNbd.probabilityAlive([1, 4, 1, 2], 0, 0, 10)).toBeCloseTo(
      1 / 168 / (1 / 168 + 0.0735842082),
      8,
    );
  });

  it('expected purchases if alive, including the s = 1 limit', () => {
    // Customer 1 of CDNOW (x = 2, T = 38.86), t = 39, published parameters:
    // (r+x)/(α+T) = 2.5532/49.4363 = 0.05164626; β+T = 50.5315;
    // ((β+T+t)/(β+T))^(1−s) = 1.7717958^0.3938 = 1.2526372; (β+T)/(s−1) = −128.317674;
    // 0.05164626 · −128.317674 · (1 − 1.2526372) = 1.674259.
    expect(paretoNbd.expectedPurchasesIfAlive(PUBLISHED, 2, 38.86, 39)).toBeCloseTo(1.674259, 5);
    // s = 1: (r+x)(β+T)/(α+T) · ln((β+T+t)/(β+T)) = 0.05164626 · 50.5315 · 0.5719945.
    const limit = 0.05164626 * 50.5315 * Math.log(1.7717958105);
    const [r = 0, alpha = 0, , beta = 0] = PUBLISHED;
    expect(paretoNbd.expectedPurchasesIfAlive([r, alpha, 1, beta], 2, 38.86, 39)).toBeCloseTo(
      limit,
      6,
    );
    expect(
      paretoNbd.expectedPurchasesIfAlive([r, alpha, 1 + 1e-12, beta], 2, 38.86, 39),
    ).toBeCloseTo(limit, 6);
  });

  it('keeps the limits that hold exactly', () => {
    // Nobody can have died between the last purchase and the end when they coincide.
    expect(paretoNbd.probabilityAlive(PUBLISHED, 3, 20, 20)).toBe(1);
    expect(paretoNbd.expectedPurchasesIfAlive(PUBLISHED, 3, 20, 0)).toBe(0);
    for (const x of [0, 1, 5, 30]) {
      let previousAlive = Infinity;
      for (const T of [5, 10, 20, 40, 80]) {
        const tx = x === 0 ? 0 : 4;
        const alive = paretoNbd.probabilityAlive(PUBLISHED, x, tx, T);
        expect(alive).toBeGreaterThan(0);
        expect(alive).toBeLessThanOrEqual(1);
        // More silence since the last purchase can only lower P(alive).
        expect(alive).toBeLessThan(previousAlive);
        previousAlive = alive;
      }
      let previousExpected = 0;
      for (const t of [1, 5, 20, 52, 200]) {
        const expected = paretoNbd.expectedPurchasesIfAlive(PUBLISHED, x, 40, t);
        expect(expected).toBeGreaterThan(previousExpected);
        previousExpected = expected;
      }
    }
  });
});

describe('Pareto/NBD numerics', () => {
  it("stdlib's hyp2f1 matches a direct series for large x where the model uses it (z ≤ 0.9)", () => {
    const [r = 0, , s = 0] = PUBLISHED;
    const series = (a: number, b: number, c: number, z: number): number => {
      let term = 1;
      let sum = 1;
      for (let k = 0; k < 5000 && term > 1e-18 * sum; k++) {
        term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
        sum += term;
      }
      return sum;
    };
    for (const x of [50, 100, 150, 200]) {
      const m = r + s + x;
      for (const z of [0.05, 0.5, 0.9]) {
        // Both of F&H's forms, as the model evaluates them after Euler's transformation.
        expectRelative(hyp2f1(1, r + x, m + 1, z), series(1, r + x, m + 1, z), 1e-13);
        expectRelative(hyp2f1(1, s + 1, m + 1, z), series(1, s + 1, m + 1, z), 1e-13);
        expectRelative(hyp2f1(m, s + 1, m + 1, z), series(m, s + 1, m + 1, z), 1e-13);
      }
    }
  });

  it('handles x = 300 and z near 1 (where stdlib alone fails) like the integral does', () => {
    const cases: [number[], number, number, number][] = [
      [PUBLISHED, 300, 38.5, 38.86],
      [PUBLISHED, 300, 20, 38.86],
      [[0.5, 500, 0.6, 0.5], 3, 0.5, 30], // α ≫ β: z = 0.998 at t_x
      [[0.5, 5000, 1, 1], 250, 20, 30], // s = 1 and x = 250, z = 0.996
      [[2, 0.2, 0.3, 400], 250, 10, 30], // α ≪ β
    ];
    for (const [p, x, tx, T] of cases) {
      const value = paretoNbd.logLikelihood(
        p,
        purchaseSummary([{ frequency: x, recency: tx, age: T }]),
      );
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeCloseTo(quadratureLogLikelihood(p, x, tx, T), 7);
      const alive = paretoNbd.probabilityAlive(p, x, tx, T);
      expect(alive).toBeGreaterThan(0);
      expect(alive).toBeLessThanOrEqual(1);
    }
  });
});

describe('Pareto/NBD input checks', () => {
  const empty: PurchaseSummary = purchaseSummary([]);

  it('refuses data that cannot identify the model', () => {
    expect(() => paretoNbd.fit(empty)).toThrow(ModelDataError);
    expect(() => paretoNbd.fit(purchaseSummary([{ frequency: 3, recency: 10, age: 20 }]))).toThrow(
      /one customer/,
    );
    const noRepeat = purchaseSummary([
      { frequency: 0, recency: 0, age: 20, weight: 40 },
      { frequency: 0, recency: 0, age: 30, weight: 12 },
    ]);
    expect(() => paretoNbd.fit(noRepeat)).toThrow(/nobody made a repeat purchase/);
    expect(() =>
      paretoNbd.fit(purchaseSummary([{ frequency: 2, recency: 30, age: 20, weight: 5 }])),
    ).toThrow(ModelDataError);
  });

  it('warns when there are few customers', () => {
    const few = purchaseSummary([
      { frequency: 0, recency: 0, age: 30, weight: 8 },
      { frequency: 1, recency: 12, age: 30, weight: 3 },
      { frequency: 4, recency: 25, age: 28, weight: 2 },
    ]);
    const fit = paretoNbd.fit(few);
    expect(fit.warnings.some((w) => w.includes('only 13 customers'))).toBe(true);
  });
});
