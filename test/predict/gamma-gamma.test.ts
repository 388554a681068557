import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import { ModelDataError } from '../../src/predict/fit.js';
import {
  expectedSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
} from '../../src/predict/gamma-gamma.js';

const spend = (rows: [number, number][]) => ({
  frequency: Float64Array.from(rows, ([x]) => x),
  monetary: Float64Array.from(rows, ([, m]) => m),
  weight: Float64Array.from(rows, () => 1),
});

describe('Gamma-Gamma', () => {
  it('evaluates the note-025 density by hand', () => {
    // One customer, x = 2, m̄ = 10, p = 2, q = 3, γ = 4:
    // ln f = ln Γ(7) − ln Γ(4) − ln Γ(3) + 3 ln 4 + 3 ln 10 + 4 ln 2 − 7 ln 24.
    const byHand =
      gammaln(7) -
      gammaln(4) -
      gammaln(3) +
      3 * Math.log(4) +
      3 * Math.log(10) +
      4 * Math.log(2) -
      7 * Math.log(24);
    expect(gammaGammaLogLikelihood({ p: 2, q: 3, gamma: 4 }, spend([[2, 10]]))).toBeCloseTo(
      byHand,
      10,
    );
  });

  it('shrinks a customer towards the population mean, less so the more they bought', () => {
    const parameters = { p: 6.25, q: 3.74, gamma: 15.44 };
    const population = (6.25 * 15.44) / 2.74;
    expect(expectedSpend(parameters, 0, 0)).toBeCloseTo(population, 12);
    // p(γ + x m̄)/(px + q − 1) with x = 1, m̄ = 100: 6.25 · 115.44 / 8.99.
    expect(expectedSpend(parameters, 1, 100)).toBeCloseTo((6.25 * 115.44) / 8.99, 12);
    const many = expectedSpend(parameters, 50, 100);
    expect(many).toBeGreaterThan(expectedSpend(parameters, 1, 100));
    expect(many).toBeLessThan(100);
  });

  it('keeps q above 1, so expected spend is positive even for odd data', () => {
    // Everyone spends exactly the same: the spread across customers is not identified.
    const fit = fitGammaGamma(spend(Array.from({ length: 60 }, (_, i) => [1 + (i % 3), 20])));
    expect(fit.parameters['q']).toBeGreaterThan(1);
    const value = expectedSpend(
      {
        p: fit.parameters['p'] ?? NaN,
        q: fit.parameters['q'] ?? NaN,
        gamma: fit.parameters['gamma'] ?? NaN,
      },
      0,
      0,
    );
    expect(value).toBeGreaterThan(0);
    expect(Number.isFinite(value)).toBe(true);
  });

  it('refuses data without repeat spend', () => {
    expect(() => fitGammaGamma(spend([]))).toThrow(ModelDataError);
    expect(() =>
      fitGammaGamma(
        spend([
          [1, 0],
          [2, 5],
        ]),
      ),
    ).toThrow(/row 1/);
    expect(() => fitGammaGamma(spend([[1, 5]]))).toThrow(/one repeat buyer/);
  });
});
