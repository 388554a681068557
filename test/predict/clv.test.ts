import { describe, expect, it } from 'vitest';
import { bgNbd } from '../../src/predict/bg-nbd.js';
import { forecastHistories } from '../../src/predict/clv.js';
import { naturalValues } from '../../src/predict/parameters.js';
import { purchaseSummary } from '../../src/predict/summary.js';
import { Random } from '../../src/shared/random.js';
import { cdnowSummaryRows } from '../helpers/cdnow-summary.js';

const cdnow = purchaseSummary(cdnowSummaryRows());
const fit = bgNbd.fit(cdnow);
const histories = {
  frequency: Float64Array.of(0, 2, 1, 12),
  recency: Float64Array.of(0, 30.43, 1.71, 36),
  age: Float64Array.of(38.86, 38.86, 38.86, 38.86),
};

describe('forecasts from a fitted purchase model', () => {
  it('without discounting, the discounted purchases are the horizon purchases', () => {
    const settings = { horizonMonths: 12, monthlyDiscountRate: 0, unitDays: 7 };
    const forecast = forecastHistories(bgNbd, fit, histories, settings);
    forecast.expectedPurchases.forEach((value, i) => {
      expect(forecast.discountedPurchases[i]).toBeCloseTo(value, 12);
    });
    const discounted = forecastHistories(bgNbd, fit, histories, {
      ...settings,
      monthlyDiscountRate: 0.05,
    });
    discounted.discountedPurchases.forEach((value, i) => {
      expect(value).toBeLessThan(forecast.discountedPurchases[i] ?? 0);
      // Every month is discounted by at least 1/1.05^12 and at most 1/1.05.
      expect(value).toBeGreaterThan((forecast.expectedPurchases[i] ?? 0) / 1.05 ** 12);
    });
  });

  it('gives the wait until a purchase is more likely than not, within the horizon only', () => {
    const forecast = forecastHistories(bgNbd, fit, histories, {
      horizonMonths: 12,
      monthlyDiscountRate: 0.01,
      unitDays: 7,
    });
    const r = fit.parameters['r'] ?? NaN;
    const alpha = fit.parameters['alpha'] ?? NaN;
    // Given alive, λ ~ Gamma(r + x, α + T): P(no purchase in t) = ((α+T)/(α+T+t))^(r+x), so
    // P(alive)·(1 − that) = 1/2 at t = (α+T)·((1 − 1/(2·P(alive)))^(−1/(r+x)) − 1).
    const wait = (i: number, x: number) =>
      7 *
      (alpha + 38.86) *
      ((1 - 0.5 / (forecast.probabilityAlive[i] ?? NaN)) ** (-1 / (r + x)) - 1);
    expect(forecast.daysToNextPurchase[3]).toBeCloseTo(wait(3, 12), 6);
    // Customer 1 (x 2, P(alive) 0.727): 206 days.
    expect(forecast.daysToNextPurchase[1]).toBeCloseTo(wait(1, 2), 6);
    expect(forecast.daysToNextPurchase[1]).toBeCloseTo(206.37, 2);
    // Customer 2 (P(alive) 0.21 ≤ 1/2) never gets there.
    expect(forecast.daysToNextPurchase[2]).toBeNaN();
    // Within a six-month horizon customer 1's 206 days are out of reach.
    const shorter = forecastHistories(bgNbd, fit, histories, {
      horizonMonths: 6,
      monthlyDiscountRate: 0.01,
      unitDays: 7,
    });
    expect(shorter.daysToNextPurchase[1]).toBeNaN();
    expect(shorter.daysToNextPurchase[3]).toBeCloseTo(wait(3, 12), 6);
  });

  it('has a parameter variance that a parametric bootstrap agrees with', () => {
    const settings = { horizonMonths: 12, monthlyDiscountRate: 0.01, unitDays: 7 };
    const forecast = forecastHistories(bgNbd, fit, histories, settings);
    const covariance = fit.covariance ?? [];
    const lower = cholesky(covariance);
    const random = new Random(20261202);
    const theta = bgNbd.parameters.map((spec, i) =>
      spec.toTheta(fit.parameters[fit.parameterNames[i] ?? ''] ?? NaN),
    );
    const draws = 1500;
    const samples: number[][] = Array.from(histories.frequency, () => []);
    for (let d = 0; d < draws; d++) {
      const z = theta.map(() => random.normal());
      const moved = theta.map(
        (value, i) => value + (lower[i] ?? []).reduce((sum, l, j) => sum + l * (z[j] ?? 0), 0),
      );
      const drawn = {
        ...fit,
        parameters: Object.fromEntries(
          fit.parameterNames.map((name, i) => [
            name,
            naturalValues(bgNbd.parameters, moved)[i] ?? NaN,
          ]),
        ),
      };
      const one = forecastHistories(bgNbd, drawn, histories, settings);
      one.discountedPurchases.forEach((value, i) => samples[i]?.push(Math.log(value)));
    }
    samples.forEach((values, i) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
      // 1,500 draws estimate a variance to about ±7 % (sd √(2/1499) ≈ 3.7 %).
      expect(variance / (forecast.logVariance[i] ?? NaN)).toBeGreaterThan(0.85);
      expect(variance / (forecast.logVariance[i] ?? NaN)).toBeLessThan(1.15);
    });
  });
});

function cholesky(matrix: number[][]): number[][] {
  const n = matrix.length;
  const lower = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i]?.[j] ?? 0;
      for (let k = 0; k < j; k++) sum -= (lower[i]?.[k] ?? 0) * (lower[j]?.[k] ?? 0);
      const row = lower[i] ?? [];
      row[j] = i === j ? Math.sqrt(sum) : sum / (lower[j]?.[j] ?? 1);
    }
  }
  return lower;
}
