import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { describe, expect, it } from 'vitest';
import { bgNbd } from '../../src/predict/bg-nbd.js';
import { ModelDataError } from '../../src/predict/fit.js';
import { purchaseSummary } from '../../src/predict/summary.js';

const PUBLISHED = [0.2426, 4.4136, 0.7929, 2.4259];

describe('BG/NBD', () => {
  it('computes P(alive) and expectations as the paper writes them, by hand', () => {
    // Customer with x = 2, t_x = 30.43, T = 38.86 under the published estimates:
    // D = a/(b+x−1) · ((α+T)/(α+t_x))^(r+x) = 0.7929/3.4259 · (43.2736/34.8436)^2.2426.
    const D = (0.7929 / 3.4259) * Math.pow(43.2736 / 34.8436, 2.2426);
    expect(bgNbd.probabilityAlive(PUBLISHED, 2, 30.43, 38.86)).toBeCloseTo(1 / (1 + D), 12);
    expect(bgNbd.probabilityAlive(PUBLISHED, 0, 0, 38.86)).toBe(1);
    // Nobody expects purchases in no time; expectations grow with the horizon.
    expect(bgNbd.expectedPurchasesIfAlive(PUBLISHED, 2, 38.86, 0)).toBe(0);
    const weeks = [1, 10, 39, 100].map((t) =>
      bgNbd.expectedPurchasesIfAlive(PUBLISHED, 2, 38.86, t),
    );
    expect(weeks).toEqual([...weeks].sort((a, b) => a - b));
  });

  it('matches the unconditional expectation E[X(t)] for a brand-new customer (x = 0, T = 0)', () => {
    // With no history the conditional expectation is the paper's eq. 9:
    // E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))].
    // For r = 1, α = 1, a = 2, b = 1 and t = 1: 2F1(1, 1; 2; 1/2) = −ln(1/2)/(1/2) = 2 ln 2,
    // so E = 2 · (1 − (1/2) · 2 ln 2) = 2 − 2 ln 2.
    expect(bgNbd.expectedPurchasesIfAlive([1, 1, 2, 1], 0, 0, 1)).toBeCloseTo(2 - 2 * Math.LN2, 10);
  });

  it("agrees with the paper's form where that is finite, and stays finite where it overflows", () => {
    const [r, alpha, a, b] = PUBLISHED as [number, number, number, number];
    const paper = (x: number, T: number, t: number): number => {
      const z = t / (alpha + T + t);
      const power = Math.pow((alpha + T) / (alpha + T + t), r + x);
      return ((a + b + x - 1) / (a - 1)) * (1 - power * hyp2f1(r + x, b + x, a + b + x - 1, z));
    };
    for (const [x, T, t] of [
      [0, 38.86, 39],
      [2, 38.86, 39],
      [40, 39, 52],
      [150, 39, 52],
    ]) {
      expect(bgNbd.expectedPurchasesIfAlive(PUBLISHED, x ?? 0, T ?? 0, t ?? 0)).toBeCloseTo(
        paper(x ?? 0, T ?? 0, t ?? 0),
        9,
      );
    }
    // 300 repeat purchase days in 43 weeks, 10 years ahead: the paper's 2F1 overflows.
    expect(Number.isFinite(paper(300, 43, 520))).toBe(false);
    const value = bgNbd.expectedPurchasesIfAlive(PUBLISHED, 300, 43, 520);
    // Never more than buying at the posterior mean rate (r+x)/(α+T) without ever dropping out.
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(((r + 300) / (alpha + 43)) * 520);
  });

  it('stays finite at a = 1, where the formula is 0/0', () => {
    const at = bgNbd.expectedPurchasesIfAlive([0.5, 5, 1, 2], 3, 20, 39);
    const near = bgNbd.expectedPurchasesIfAlive([0.5, 5, 1.001, 2], 3, 20, 39);
    expect(Number.isFinite(at)).toBe(true);
    expect(at).toBeCloseTo(near, 2);
  });

  it('weights rows like repeated customers', () => {
    const grouped = purchaseSummary([
      { frequency: 2, recency: 10, age: 30, weight: 3 },
      { frequency: 0, recency: 0, age: 20, weight: 2 },
    ]);
    const expanded = purchaseSummary([
      ...Array.from({ length: 3 }, () => ({ frequency: 2, recency: 10, age: 30 })),
      ...Array.from({ length: 2 }, () => ({ frequency: 0, recency: 0, age: 20 })),
    ]);
    expect(bgNbd.logLikelihood(PUBLISHED, grouped)).toBeCloseTo(
      bgNbd.logLikelihood(PUBLISHED, expanded),
      10,
    );
  });

  it('refuses data that cannot identify it, naming why', () => {
    const fit = (rows: Parameters<typeof purchaseSummary>[0]) => () =>
      bgNbd.fit(purchaseSummary(rows));
    expect(fit([])).toThrow(ModelDataError);
    expect(fit([{ frequency: 0, recency: 0, age: 10, weight: 50 }])).toThrow(
      /nobody made a repeat purchase/,
    );
    expect(fit([{ frequency: 3, recency: 5, age: 10 }])).toThrow(/one customer/);
    expect(
      fit([
        { frequency: 1, recency: 12, age: 10 },
        { frequency: 0, recency: 0, age: 3 },
      ]),
    ).toThrow(/row 1 is not a valid summary/);
  });

  it('fits a tiny data set with warnings instead of NaN', () => {
    const fit = bgNbd.fit(
      purchaseSummary([
        { frequency: 1, recency: 5, age: 10 },
        { frequency: 0, recency: 0, age: 8 },
        { frequency: 2, recency: 7, age: 9 },
      ]),
    );
    expect(fit.warnings.join(' ')).toMatch(/rough/);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    for (const name of fit.parameterNames) expect(fit.parameters[name]).toBeGreaterThan(0);
  });
});
