import { describe, expect, it } from 'vitest';
import { bgNbdObjective } from '../../src/predict/bg-nbd.js';
import { gammaGammaObjective } from '../../src/predict/gamma-gamma.js';
import { mbgNbdObjective } from '../../src/predict/mbg-nbd.js';
import { withNumericGradient, type Objective } from '../../src/predict/optimize/objective.js';
import { purchaseSummary } from '../../src/predict/summary.js';

/** The analytic gradient against central differences of the value, at several points. */
function expectExactGradient(objective: Objective, points: number[][]): void {
  const numeric = withNumericGradient((theta) => objective(theta, null));
  for (const point of points) {
    const theta = Float64Array.from(point);
    const exact = new Float64Array(point.length);
    const approximate = new Float64Array(point.length);
    objective(theta, exact);
    numeric(theta, approximate);
    exact.forEach((value, i) => {
      const scale = Math.max(1, Math.abs(value));
      expect(Math.abs(value - (approximate[i] ?? NaN)) / scale).toBeLessThan(1e-5);
    });
  }
}

describe('exact gradients', () => {
  it('BG/NBD', () => {
    const summary = purchaseSummary([
      { frequency: 0, recency: 0, age: 38.86, weight: 1411 },
      { frequency: 1, recency: 1.71, age: 38.86, weight: 3 },
      { frequency: 2, recency: 30.43, age: 38.86 },
      { frequency: 7, recency: 35, age: 36, weight: 5 },
      { frequency: 40, recency: 20, age: 30, weight: 2 },
    ]);
    expectExactGradient(bgNbdObjective(summary), [
      [Math.log(0.2426), Math.log(4.4136), Math.log(0.7929), Math.log(2.4259)],
      [0, 0, 0, 0],
      [1, 2, -1, 1.5],
    ]);
  });

  it('MBG/NBD', () => {
    const summary = purchaseSummary([
      { frequency: 0, recency: 0, age: 38.86, weight: 1411 },
      { frequency: 0, recency: 0, age: 2, weight: 7 },
      { frequency: 1, recency: 1.71, age: 38.86, weight: 3 },
      { frequency: 2, recency: 30.43, age: 38.86 },
      { frequency: 40, recency: 20, age: 30, weight: 2 },
    ]);
    expectExactGradient(mbgNbdObjective(summary), [
      [Math.log(0.5248), Math.log(6.183), Math.log(0.8914), Math.log(1.614)],
      [0, 0, 0, 0],
      [1, 2, -1, 1.5],
    ]);
  });

  it('Gamma-Gamma, on θ = (ln p, ln(q − 1), ln γ)', () => {
    const spend = {
      frequency: Float64Array.of(1, 2, 2, 5, 13),
      monetary: Float64Array.of(10, 22.3, 5, 80, 31),
      weight: Float64Array.of(4, 1, 2, 1, 3),
    };
    expectExactGradient(gammaGammaObjective(spend), [
      [Math.log(6.25), Math.log(2.74), Math.log(15.44)],
      [0, 0, 0],
      [-1, 1, 2],
    ]);
  });
});
