import betainc from '@stdlib/math-base-special-betainc';
import { describe, expect, it } from 'vitest';
import { spendDistributions, spendQuantile } from '../../src/predict/spend-quantiles.js';
import { Random } from '../../src/shared/random.js';

/** y with I_{y/(1+y)}(a, b) = v, by bisection: the exact beta-prime quantile. */
function betaPrimeQuantile(a: number, b: number, v: number): number {
  let low = 0;
  let high = 1;
  while (betainc(high / (1 + high), a, b) < v) high *= 2;
  for (let i = 0; i < 200; i++) {
    const middle = (low + high) / 2;
    if (betainc(middle / (1 + middle), a, b) < v) low = middle;
    else high = middle;
  }
  return high;
}

describe('the predictive distribution of future spend', () => {
  it('with a fixed value per purchase, is the count quantile (computed by hand)', () => {
    const spend = spendDistributions({ kind: 'fixed' }).forHistory(
      3,
      Float64Array.of(0.5, 0.3, 0.2),
    );
    expect(spend.atZero).toBe(0.5);
    expect(spend.quantile(0.6)).toBe(1);
    expect(spend.quantile(0.85)).toBe(2);
    // P(alive) 0.8: 0.2 of the mass is a dead customer's 0. Level 0.95 given alive is
    // (0.95 − 0.2)/0.8 = 0.9375, two purchases; level 0.05 lies in the mass at zero.
    expect(spendQuantile(spend, 0.8, 0.95)).toBe(2);
    expect(spendQuantile(spend, 0.8, 0.05)).toBe(0);
    // Level 0.7 given alive 0.8: (0.7 − 0.2)/0.8 = 0.625 → one purchase.
    expect(spendQuantile(spend, 0.8, 0.7)).toBe(1);
    expect(spendQuantile(spend, 0, 0.95)).toBe(0);
  });

  it('with Gamma-Gamma and one sure purchase, is the beta-prime quantile to within 1 %', () => {
    // CDNOW's p 6.25, q 3.74 and a customer with x = 2: Y ~ BetaPrime(6.25, 3.74 + 12.5).
    const law = { kind: 'gammagamma' as const, p: 6.25, q: 3.74 };
    const spend = spendDistributions(law).forHistory(2, Float64Array.of(0, 1));
    for (const v of [0.05, 0.5, 0.95, 0.999]) {
      const exact = betaPrimeQuantile(6.25, 16.24, v);
      expect(Math.abs(spend.quantile(v) / exact - 1)).toBeLessThan(0.01);
    }
  });

  it('with Gamma-Gamma and a heavy tail beyond its table, searches the exact distribution', () => {
    // q barely above 1 and x = 0: one purchase's Y has a tail like y^(−1.05).
    const spend = spendDistributions({ kind: 'gammagamma', p: 0.5, q: 1.05 }).forHistory(
      0,
      Float64Array.of(0, 1),
    );
    // Its 0.99999 quantile lies beyond the table's 1,000 mean values of one purchase.
    const exact = betaPrimeQuantile(0.5, 1.05, 0.99999);
    expect(exact).toBeGreaterThan(1000 * (0.5 / 0.05));
    expect(Math.abs(spend.quantile(0.99999) / exact - 1)).toBeLessThan(1e-6);
    expect(Math.abs(spend.quantile(0.999) / betaPrimeQuantile(0.5, 1.05, 0.999) - 1)).toBeLessThan(
      0.01,
    );
  });

  it('for a frequent buyer (concentrated sums, a table cut where it is 0 or 1), is the exact mixture quantile to within 1 %', () => {
    // x = 78 and CDNOW's p, q: Q = 3.74 + 6.25 · 78; counts spread over 60..140 purchases,
    // where each sum's CDF is 0 or 1 over most of the table.
    const law = { kind: 'gammagamma' as const, p: 6.25, q: 3.74 };
    const Q = 3.74 + 6.25 * 78;
    const counts = new Float64Array(161);
    for (let k = 60; k <= 140; k++) counts[k] = Math.exp(-((k - 100) ** 2) / 400);
    const total = counts.reduce((a, b) => a + b, 0);
    for (let k = 0; k < counts.length; k++) counts[k] = (counts[k] ?? 0) / total;
    const spend = spendDistributions(law).forHistory(78, counts);
    const mixtureCdf = (y: number): number =>
      counts.reduce(
        (sum, w, k) => (k > 0 && w > 0 ? sum + w * betainc(y / (1 + y), k * 6.25, Q) : sum),
        0,
      );
    for (const v of [0.05, 0.5, 0.95]) {
      let low = 0;
      let high = 10;
      for (let i = 0; i < 100; i++) {
        const middle = (low + high) / 2;
        if (mixtureCdf(middle) < v) low = middle;
        else high = middle;
      }
      expect(Math.abs(spend.quantile(v) / high - 1)).toBeLessThan(0.01);
    }
  });

  it('mixes the counts as a simulation of the same customers does', () => {
    // Counts 0..3 with P 0.3, 0.4, 0.2, 0.1; each purchase Gamma(2, ν), ν ~ Gamma(3 + 2, 1)
    // for a customer with x = 1 (the scale γ + x·m̄ is 1 here).
    const counts = Float64Array.of(0.3, 0.4, 0.2, 0.1);
    const spend = spendDistributions({ kind: 'gammagamma', p: 2, q: 3 }).forHistory(1, counts);
    const random = new Random(20261204);
    const draws: number[] = [];
    for (let i = 0; i < 40_000; i++) {
      const u = random.next();
      const k = u < 0.3 ? 0 : u < 0.7 ? 1 : u < 0.9 ? 2 : 3;
      const nu = random.gamma(5);
      draws.push(k === 0 ? 0 : random.gamma(2 * k) / nu);
    }
    draws.sort((a, b) => a - b);
    for (const v of [0.5, 0.75, 0.9, 0.95]) {
      const simulated = draws[Math.floor(v * draws.length)] ?? NaN;
      expect(Math.abs(spend.quantile(v) / simulated - 1)).toBeLessThan(0.03);
    }
    expect(spend.quantile(0.3)).toBe(0);
  });
});
