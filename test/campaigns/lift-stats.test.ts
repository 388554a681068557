import { describe, expect, it } from 'vitest';
import {
  newcombeDifference,
  welchDifference,
  wilsonInterval,
} from '../../src/campaigns/lift-stats.js';

describe('Wilson and Newcombe intervals', () => {
  it('gives the Wilson intervals of Newcombe (1998)', () => {
    // 0/10: 0 to 0.2775; 9/10: 0.5958 to 0.9821 (Newcombe 1998, Table I, method 3).
    expect(wilsonInterval(0, 10).low).toBe(0);
    expect(wilsonInterval(0, 10).high).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(9, 10).low).toBeCloseTo(0.5958, 4);
    expect(wilsonInterval(9, 10).high).toBeCloseTo(0.9821, 4);
  });

  it("gives Newcombe's method 10 intervals of his worked examples", () => {
    // Newcombe 1998, Table II, method 10 (hybrid score, no continuity correction).
    const cases: [number, number, number, number, number, number, number][] = [
      [56, 70, 48, 80, 0.2, 0.0524, 0.3339],
      [9, 10, 3, 10, 0.6, 0.1705, 0.809],
      [0, 10, 0, 20, 0, -0.1611, 0.2775],
    ];
    for (const [x1, n1, x2, n2, value, low, high] of cases) {
      const d = newcombeDifference(x1, n1, x2, n2);
      expect(d.value).toBeCloseTo(value, 10);
      expect(d.low).toBeCloseTo(low, 4);
      expect(d.high).toBeCloseTo(high, 4);
      expect(d.method).toBe('newcombe');
      expect(d.significant).toBe(low > 0 || high < 0);
    }
  });
});

describe("Welch's t interval", () => {
  it('matches the Welch–Satterthwaite interval computed by scipy', () => {
    // n 10, mean 5, variance 4 against n 20, mean 3, variance 1: se = √0.45, df = 11.30694,
    // t(0.975, df) = 2.193717 (scipy.stats.t.ppf), interval 2 ± 1.471590.
    const d = welchDifference({ n: 10, mean: 5, variance: 4 }, { n: 20, mean: 3, variance: 1 });
    expect(d.value).toBe(2);
    expect(d.low).toBeCloseTo(0.5284096, 6);
    expect(d.high).toBeCloseTo(3.4715904, 6);
    expect(d.significant).toBe(true);
  });

  it('says not significant when the interval holds 0, and gives the point when nothing varies', () => {
    // [0,0,0,12.5,0,30,0,0] against [0,0,10,0,0,0]: scipy ttest_ind(equal_var=False) gives
    // 3.645833 with 95 % interval -5.784410 to 13.076076.
    const d = welchDifference(
      { n: 8, mean: 42.5 / 8, variance: variance([0, 0, 0, 12.5, 0, 30, 0, 0]) },
      { n: 6, mean: 10 / 6, variance: variance([0, 0, 10, 0, 0, 0]) },
    );
    expect(d.value).toBeCloseTo(3.645833, 6);
    expect(d.low).toBeCloseTo(-5.78441, 5);
    expect(d.high).toBeCloseTo(13.076076, 5);
    expect(d.significant).toBe(false);
    const flat = welchDifference({ n: 3, mean: 0, variance: 0 }, { n: 4, mean: 0, variance: 0 });
    expect(flat).toMatchObject({ value: 0, low: 0, high: 0, significant: false });
    expect(() => welchDifference({ n: 1, mean: 0, variance: 0 }, flat2())).toThrow(RangeError);
  });
});

function flat2() {
  return { n: 2, mean: 0, variance: 0 };
}

function variance(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
}
