import { describe, expect, it } from 'vitest';
import { hessian } from '../../src/predict/optimize/hessian.js';
import { invertSymmetric, quadraticForm } from '../../src/predict/optimize/linear-algebra.js';
import { minimize, minimizeFromStarts } from '../../src/predict/optimize/minimize.js';
import { withNumericGradient, type Objective } from '../../src/predict/optimize/objective.js';

/** Rosenbrock's valley: minimum 0 at (1, 1), a classic test of curved narrow valleys. */
const rosenbrock: Objective = (x, gradient) => {
  const a = x[0] ?? 0;
  const b = x[1] ?? 0;
  if (gradient) {
    gradient[0] = -2 * (1 - a) - 400 * a * (b - a * a);
    gradient[1] = 200 * (b - a * a);
  }
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe('minimize', () => {
  it('finds the Rosenbrock minimum from the classic start', () => {
    const result = minimize(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.iterations).toBeLessThan(100);
  });

  it('minimises a quadratic exactly, with numeric gradients too', () => {
    // f = (x − 3)² + 2(y + 1)² + xy: minimum where 2(x−3) + y = 0 and 4(y+1) + x = 0,
    // that is x = 28/7 = 4, y = −2.
    const value = (v: Float64Array): number => {
      const x = v[0] ?? 0;
      const y = v[1] ?? 0;
      return (x - 3) ** 2 + 2 * (y + 1) ** 2 + x * y;
    };
    const result = minimize(withNumericGradient(value), [0, 0]);
    expect(result.x[0]).toBeCloseTo(4, 5);
    expect(result.x[1]).toBeCloseTo(-2, 5);
  });

  it('steps back from a domain edge where the objective is Infinity', () => {
    // −ln x + x has its minimum at x = 1 and no value at x ≤ 0; the first step overshoots.
    const objective: Objective = (v, gradient) => {
      const x = v[0] ?? 0;
      if (x <= 0) return Infinity;
      if (gradient) gradient[0] = 1 - 1 / x;
      return x - Math.log(x);
    };
    const result = minimize(objective, [20]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
  });

  it('reports a start where the objective cannot be evaluated and picks the good one', () => {
    const objective: Objective = (v, gradient) => {
      const x = v[0] ?? 0;
      if (x <= 0) return NaN;
      if (gradient) gradient[0] = 2 * (x - 2);
      return (x - 2) ** 2;
    };
    const result = minimizeFromStarts(objective, [[-1], [5]]);
    expect(result.failedStarts).toBe(1);
    expect(result.x[0]).toBeCloseTo(2, 8);
  });
});

describe('hessian and covariance', () => {
  it('reads the curvature of a quadratic and inverts it', () => {
    // f = 2x² + 3xy + 5y²: Hessian [[4, 3], [3, 10]], inverse [[10, −3], [−3, 4]] / 31.
    const objective: Objective = (v, gradient) => {
      const x = v[0] ?? 0;
      const y = v[1] ?? 0;
      if (gradient) {
        gradient[0] = 4 * x + 3 * y;
        gradient[1] = 3 * x + 10 * y;
      }
      return 2 * x * x + 3 * x * y + 5 * y * y;
    };
    const h = hessian(objective, [0.3, -0.2]);
    expect(h[0]?.[0]).toBeCloseTo(4, 6);
    expect(h[0]?.[1]).toBeCloseTo(3, 6);
    expect(h[1]?.[1]).toBeCloseTo(10, 6);
    const inverse = invertSymmetric(h);
    expect(inverse?.[0]?.[0]).toBeCloseTo(10 / 31, 6);
    expect(inverse?.[0]?.[1]).toBeCloseTo(-3 / 31, 6);
    expect(inverse?.[1]?.[1]).toBeCloseTo(4 / 31, 6);
    expect(
      quadraticForm(
        [
          [4, 3],
          [3, 10],
        ],
        [1, 2],
      ),
    ).toBe(4 + 12 + 40);
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(
      invertSymmetric([
        [1, 2],
        [2, 1],
      ]),
    ).toBeNull();
    expect(
      invertSymmetric([
        [1, 1],
        [1, 1],
      ]),
    ).toBeNull();
  });
});
