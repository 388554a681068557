import type { Objective } from './objective.js';
import type { Matrix } from './linear-algebra.js';

/**
 * The Hessian of `objective` at `x` by central differences of its gradient, made symmetric.
 * Used at the optimum, where the negative log-likelihood's Hessian is the observed information.
 */
export function hessian(objective: Objective, x: ArrayLike<number>): Matrix {
  const n = x.length;
  const probe = Float64Array.from(x);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  const columns: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const xj = probe[j] ?? 0;
    const h = 1e-5 * Math.max(1, Math.abs(xj));
    probe[j] = xj + h;
    objective(probe, up);
    probe[j] = xj - h;
    objective(probe, down);
    probe[j] = xj;
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) column[i] = ((up[i] ?? 0) - (down[i] ?? 0)) / (2 * h);
    columns.push(column);
  }
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => ((columns[j]?.[i] ?? 0) + (columns[i]?.[j] ?? 0)) / 2),
  );
}
