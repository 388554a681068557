import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { describe, expect, it } from 'vitest';
import {
  cappedBetaGeometric,
  gammaPoisson,
  poisson,
} from '../../src/predict/simulate/discrete-draws.js';
import {
  groupPurchaseSummary,
  simulateBgNbd,
  simulateMbgNbd,
  simulateParetoNbd,
  simulateSpend,
  spendSummary,
} from '../../src/predict/simulate/index.js';
import type {
  BgNbdParameters,
  ParetoNbdParameters,
  SimulatedCustomers,
} from '../../src/predict/simulate/index.js';
import { Random } from '../../src/shared/random.js';

// Every statistical check allows this many standard errors: with fixed seeds the outcome is
// deterministic, and a chance failure at 4 SE (p ≈ 6e-5 per check) would point at a real bug.
const Z = 4;

const CDNOW_BG_NBD: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const CDNOW_PARETO_NBD: ParetoNbdParameters = { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 };
// Frequent buyers who rarely leave: counts above the inversion limit and caps above the
// beta-geometric walk, so the constant-time branches are the ones exercised.
const HEAVY_BG_NBD: BgNbdParameters = { r: 2, alpha: 0.5, a: 0.5, b: 30 };
const HEAVY_PARETO_NBD: ParetoNbdParameters = { r: 4, alpha: 2, s: 2, beta: 30 };
const T = 39;

interface Estimate {
  mean: number;
  se: number;
}

function estimate(values: ArrayLike<number>, keep: (i: number) => boolean = () => true): Estimate {
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    if (!keep(i)) continue;
    const value = values[i] ?? NaN;
    n += 1;
    sum += value;
    squares += value * value;
  }
  const mean = sum / n;
  return { mean, se: Math.sqrt((squares / n - mean * mean) / (n - 1)) };
}

function expectNear(observed: Estimate, expected: number): void {
  expect(Math.abs(observed.mean - expected)).toBeLessThanOrEqual(Z * observed.se);
}

function expectSameMean(a: Estimate, b: Estimate, name: string): void {
  expect(Math.abs(a.mean - b.mean), name).toBeLessThanOrEqual(Z * Math.hypot(a.se, b.se));
}

/** Empirical P(draw ≤ k) against the exact cdf at each k, within binomial error. */
function expectCdf(draws: Float64Array, cdf: (k: number) => number, points: number[]): void {
  for (const k of points) {
    const expected = cdf(k);
    const observed = draws.filter((d) => d <= k).length / draws.length;
    const se = Math.sqrt(Math.max(expected * (1 - expected), 1e-6) / draws.length);
    expect(Math.abs(observed - expected), `P(N ≤ ${k})`).toBeLessThanOrEqual(Z * se);
  }
}

function cdfOf(pmf: (k: number) => number): (k: number) => number {
  return (k) => {
    let total = 0;
    for (let j = 0; j <= k; j++) total += pmf(j);
    return total;
  };
}

function drawMany(n: number, draw: () => number): Float64Array {
  return Float64Array.from({ length: n }, draw);
}

/**
 * BG/NBD followed purchase by purchase, as the model is told: the fast path must agree. With
 * `atFirstPurchase`, MBG/NBD: the coin is also flipped right after the first purchase.
 */
function referenceBgNbd(
  { r, alpha, a, b }: BgNbdParameters,
  customers: number,
  seed: number,
  atFirstPurchase = false,
): SimulatedCustomers {
  const random = new Random(seed);
  const frequency = new Float64Array(customers);
  const recency = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const lambda = random.gamma(r, 1 / alpha);
    const p = random.beta(a, b);
    if (atFirstPurchase && random.chance(p)) continue;
    for (let t = random.exponential(1 / lambda); t <= T; t += random.exponential(1 / lambda)) {
      frequency[i] = (frequency[i] ?? 0) + 1;
      recency[i] = t;
      if (random.chance(p)) break;
    }
  }
  const age = new Float64Array(customers).fill(T);
  return { frequency, recency, age, monetary: new Float64Array(customers).fill(NaN) };
}

/** Pareto/NBD with λ, μ and the lifetime drawn explicitly and purchases one by one. */
function referenceParetoNbd(
  { r, alpha, s, beta }: ParetoNbdParameters,
  customers: number,
  seed: number,
): SimulatedCustomers {
  const random = new Random(seed);
  const frequency = new Float64Array(customers);
  const recency = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const lambda = random.gamma(r, 1 / alpha);
    const end = Math.min(random.exponential(1 / random.gamma(s, 1 / beta)), T);
    for (let t = random.exponential(1 / lambda); t <= end; t += random.exponential(1 / lambda)) {
      frequency[i] = (frequency[i] ?? 0) + 1;
      recency[i] = t;
    }
  }
  const age = new Float64Array(customers).fill(T);
  return { frequency, recency, age, monetary: new Float64Array(customers).fill(NaN) };
}

/** The same summary statistics of two simulations agree within their sampling error. */
function expectSameCustomers(fast: SimulatedCustomers, reference: SimulatedCustomers): void {
  const statistics: [string, (sim: SimulatedCustomers) => Estimate][] = [
    ['mean frequency', (sim) => estimate(sim.frequency)],
    ['mean recency', (sim) => estimate(sim.recency)],
    ['P(x = 0)', (sim) => estimate(sim.frequency.map((x) => (x === 0 ? 1 : 0)))],
    ['P(x = 1)', (sim) => estimate(sim.frequency.map((x) => (x === 1 ? 1 : 0)))],
    ['recency given x > 0', (sim) => estimate(sim.recency, (i) => sim.frequency[i] !== 0)],
    ['recency given x = 1', (sim) => estimate(sim.recency, (i) => sim.frequency[i] === 1)],
    ['recency given x ≥ 5', (sim) => estimate(sim.recency, (i) => (sim.frequency[i] ?? 0) >= 5)],
  ];
  for (const [name, statistic] of statistics) {
    expectSameMean(statistic(fast), statistic(reference), name);
  }
}

describe('discrete draws', () => {
  const logPoisson = (mean: number, k: number) => -mean + k * Math.log(mean) - gammaln(k + 1);

  it('draws Poisson counts by inversion and by rejection (PTRS)', () => {
    const random = new Random(11);
    for (const mean of [0.3, 3, 9.9, 10, 40, 900]) {
      const draws = drawMany(100_000, () => poisson(random, mean));
      const sd = Math.sqrt(mean);
      const points = [-2, -1, -0.5, 0, 0.5, 1, 2].map((z) =>
        Math.max(0, Math.round(mean + z * sd)),
      );
      expectCdf(
        draws,
        cdfOf((k) => Math.exp(logPoisson(mean, k))),
        points,
      );
      expectNear(estimate(draws), mean);
    }
  });

  it('draws negative binomial counts by inversion and through a gamma rate', () => {
    const random = new Random(12);
    for (const [r, alpha, t] of [
      [0.243, 4.414, 39],
      [2, 0.5, 39],
    ] as const) {
      const pmf = (k: number) =>
        Math.exp(
          gammaln(r + k) -
            gammaln(r) -
            gammaln(k + 1) +
            r * Math.log(alpha / (alpha + t)) +
            k * Math.log(t / (alpha + t)),
        );
      const draws = drawMany(100_000, () => gammaPoisson(random, r, alpha, t));
      const mean = (r * t) / alpha;
      const points = [0.05, 0.25, 0.5, 1, 1.5, 2, 4].map((f) => Math.floor(f * mean));
      expectCdf(draws, cdfOf(pmf), points);
      expectNear(estimate(draws), mean);
    }
  });

  it('draws min(G, cap) for a beta-geometric G by walking and by drawing p', () => {
    const random = new Random(13);
    const a = 0.793;
    const b = 2.426;
    for (const cap of [1, 5, 40]) {
      // P(G = k) = B(a + 1, b + k − 1) / B(a, b); everything from the cap on lands on it.
      const pmf = (k: number) =>
        k < 1 || k > cap
          ? 0
          : k < cap
            ? Math.exp(betaln(a + 1, b + k - 1) - betaln(a, b))
            : Math.exp(betaln(a, b + cap - 1) - betaln(a, b));
      const draws = drawMany(100_000, () => cappedBetaGeometric(random, a, b, cap));
      expect(Math.max(...draws)).toBeLessThanOrEqual(cap);
      expectCdf(draws, cdfOf(pmf), [1, 2, 3, 5, 10, 20, 39]);
    }
  });
});

describe('simulateBgNbd', () => {
  it('is reproducible from its seed', () => {
    const options = { customers: 2_000, T, seed: 42 };
    const first = simulateBgNbd(CDNOW_BG_NBD, options);
    expect(simulateBgNbd(CDNOW_BG_NBD, options)).toEqual(first);
    expect(simulateBgNbd(CDNOW_BG_NBD, { ...options, seed: 43 }).frequency).not.toEqual(
      first.frequency,
    );
  });

  it('gives whole-day recencies up to T, and 0 exactly when there is no repeat', () => {
    // T ends in the afternoon of a day, so some recencies round past T and are held at T.
    const age = 38.95;
    const sim = simulateBgNbd(HEAVY_BG_NBD, { customers: 20_000, T: age, seed: 1 });
    const wholeDays = (tx: number) => Math.abs(tx * 7 - Math.round(tx * 7)) < 1e-9;
    const bad = Array.from(sim.frequency).flatMap((x, i) => {
      const tx = sim.recency[i] ?? NaN;
      const ok =
        Number.isInteger(x) &&
        x >= 0 &&
        sim.age[i] === age &&
        tx <= age &&
        (x > 0 || tx === 0) &&
        (wholeDays(tx) || tx === age);
      return ok ? [] : [{ x, tx }];
    });
    expect(bad).toEqual([]);
    expect(sim.recency.some((tx) => tx === age)).toBe(true);
    expect(sim.monetary.every(Number.isNaN)).toBe(true);
    const exact = simulateBgNbd(CDNOW_BG_NBD, {
      customers: 20_000,
      T,
      seed: 1,
      dayResolution: false,
    });
    const mismatched = exact.frequency.filter(
      (x, i) => Math.sign(x) !== Math.sign(exact.recency[i] ?? 0),
    );
    expect(mismatched.length).toBe(0);
  });

  it('matches E[X(T)] and P(X(T) = 0) of Fader, Hardie & Lee (2005)', () => {
    for (const [params, seed] of [
      [CDNOW_BG_NBD, 7],
      [HEAVY_BG_NBD, 8],
    ] as const) {
      const { r, alpha, a, b } = params;
      const sim = simulateBgNbd(params, { customers: 200_000, T, seed });
      // Eq. 9 for the mean; no repeat purchase means no Poisson event in (0, T].
      const mean =
        ((a + b - 1) / (a - 1)) *
        (1 - Math.pow(alpha / (alpha + T), r) * hyp2f1(r, b, a + b - 1, T / (alpha + T)));
      expectNear(estimate(sim.frequency), mean);
      expectNear(estimate(sim.frequency.map((x) => (x === 0 ? 1 : 0))), (alpha / (alpha + T)) ** r);
    }
  });

  it('agrees with following each customer purchase by purchase', () => {
    for (const [params, seed] of [
      [CDNOW_BG_NBD, 21],
      [HEAVY_BG_NBD, 22],
    ] as const) {
      const fast = simulateBgNbd(params, { customers: 100_000, T, seed, dayResolution: false });
      expectSameCustomers(fast, referenceBgNbd(params, 100_000, seed));
    }
  });
});

describe('simulateMbgNbd', () => {
  it('is reproducible from its seed', () => {
    const options = { customers: 2_000, T, seed: 42 };
    const first = simulateMbgNbd(CDNOW_BG_NBD, options);
    expect(simulateMbgNbd(CDNOW_BG_NBD, options)).toEqual(first);
    expect(simulateBgNbd(CDNOW_BG_NBD, options).frequency).not.toEqual(first.frequency);
  });

  it('matches E[X(T)] and P(X(T) = 0) of Batislam, Denizel & Filiztekin (2007)', () => {
    for (const [params, seed] of [
      [CDNOW_BG_NBD, 7],
      [HEAVY_BG_NBD, 8],
    ] as const) {
      const { r, alpha, a, b } = params;
      const sim = simulateMbgNbd(params, { customers: 200_000, T, seed });
      // Alive after the first purchase with probability b/(a+b), then BG/NBD with p ~ Beta(a, b+1).
      const none = Math.pow(alpha / (alpha + T), r);
      const mean = (b / (a - 1)) * (1 - none * hyp2f1(r, b + 1, a + b, T / (alpha + T)));
      expectNear(estimate(sim.frequency), mean);
      expectNear(
        estimate(sim.frequency.map((x) => (x === 0 ? 1 : 0))),
        a / (a + b) + (b / (a + b)) * none,
      );
    }
  });

  it('agrees with following each customer purchase by purchase', () => {
    for (const [params, seed] of [
      [CDNOW_BG_NBD, 21],
      [HEAVY_BG_NBD, 22],
    ] as const) {
      const fast = simulateMbgNbd(params, { customers: 100_000, T, seed, dayResolution: false });
      expectSameCustomers(fast, referenceBgNbd(params, 100_000, seed, true));
    }
  });
});

describe('simulateParetoNbd', () => {
  it('is reproducible from its seed', () => {
    const options = { customers: 2_000, T, seed: 42 };
    const first = simulateParetoNbd(CDNOW_PARETO_NBD, options);
    expect(simulateParetoNbd(CDNOW_PARETO_NBD, options)).toEqual(first);
    expect(simulateParetoNbd(CDNOW_PARETO_NBD, { ...options, seed: 43 }).frequency).not.toEqual(
      first.frequency,
    );
  });

  it('matches E[X(T)] of Schmittlein, Morrison & Colombo (1987)', () => {
    for (const [params, seed] of [
      [CDNOW_PARETO_NBD, 7],
      [HEAVY_PARETO_NBD, 8],
    ] as const) {
      const { r, alpha, s, beta } = params;
      const sim = simulateParetoNbd(params, { customers: 200_000, T, seed });
      const mean = ((r * beta) / (alpha * (s - 1))) * (1 - (beta / (beta + T)) ** (s - 1));
      expectNear(estimate(sim.frequency), mean);
    }
  });

  it('agrees with drawing λ, μ and the lifetime and following each purchase', () => {
    for (const [params, seed] of [
      [CDNOW_PARETO_NBD, 21],
      [HEAVY_PARETO_NBD, 22],
    ] as const) {
      const fast = simulateParetoNbd(params, { customers: 100_000, T, seed, dayResolution: false });
      expectSameCustomers(fast, referenceParetoNbd(params, 100_000, seed));
    }
  });
});

describe('simulateSpend', () => {
  const spend = { p: 6.25, q: 3.74, gamma: 15.44 };

  it('is reproducible from its seed, and NaN without a repeat purchase', () => {
    const frequency = Float64Array.from({ length: 1_000 }, (_, i) => i % 4);
    const first = simulateSpend(spend, frequency, 5);
    expect(simulateSpend(spend, frequency, 5)).toEqual(first);
    expect(simulateSpend(spend, frequency, 6)).not.toEqual(first);
    first.forEach((m, i) => expect(Number.isNaN(m)).toBe(frequency[i] === 0));
    expect(() => simulateSpend(spend, Float64Array.of(1.5), 5)).toThrow(RangeError);
  });

  it('has mean spend pγ / (q − 1) whatever the number of purchases', () => {
    const expected = (spend.p * spend.gamma) / (spend.q - 1);
    for (const x of [1, 6]) {
      const monetary = simulateSpend(spend, new Float64Array(200_000).fill(x), x);
      expectNear(estimate(monetary), expected);
    }
  });

  it('averages x purchases: the variance shrinks as the Gamma-Gamma model says', () => {
    // q > 4 so that the sample variance has a finite variance of its own.
    const { p, q, gamma } = { p: 2, q: 12, gamma: 30 };
    for (const x of [1, 5]) {
      const monetary = simulateSpend({ p, q, gamma }, new Float64Array(200_000).fill(x), 9 + x);
      // Var(m̄) = E[Var(m̄ | ν)] + Var(E[m̄ | ν]) = E[p / (x ν²)] + Var(p / ν).
      const variance =
        (p * gamma ** 2) / (x * (q - 1) * (q - 2)) +
        (p ** 2 * gamma ** 2) / ((q - 1) ** 2 * (q - 2));
      const { mean } = estimate(monetary);
      expectNear(estimate(monetary.map((m) => (m - mean) ** 2)), variance);
    }
  });
});

describe('groupPurchaseSummary and spendSummary', () => {
  const customers: SimulatedCustomers = {
    frequency: Float64Array.of(0, 2, 0, 2, 2, 1),
    recency: Float64Array.of(0, 3, 0, 3, 4, 1),
    age: Float64Array.of(39, 39, 39, 39, 39, 30),
    monetary: Float64Array.of(NaN, 10, NaN, 12, 14, 8),
  };

  it('keeps one weighted row per distinct (x, t_x, T)', () => {
    const summary = groupPurchaseSummary(customers);
    const rows = Array.from(summary.weight, (weight, i) => [
      summary.frequency[i],
      summary.recency[i],
      summary.age[i],
      weight,
    ]);
    expect(rows).toEqual([
      [0, 0, 39, 2],
      [2, 3, 39, 2],
      [2, 4, 39, 1],
      [1, 1, 30, 1],
    ]);
  });

  it('keeps the repeat buyers for Gamma-Gamma and refuses spend not yet simulated', () => {
    expect(spendSummary(customers)).toEqual({
      frequency: Float64Array.of(2, 2, 2, 1),
      monetary: Float64Array.of(10, 12, 14, 8),
      weight: Float64Array.of(1, 1, 1, 1),
    });
    const unpriced = { ...customers, monetary: new Float64Array(6).fill(NaN) };
    expect(() => spendSummary(unpriced)).toThrow(/simulate spend first/);
  });
});
