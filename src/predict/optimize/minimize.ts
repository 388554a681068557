import type { Objective } from './objective.js';

export interface MinimizeOptions {
  maxIterations?: number;
  /**
   * Stop once a coordinate's magnitude passes this: the optimum is at infinity in that
   * direction, and chasing it only costs time (default 30, a parameter past e^±30).
   */
  coordinateLimit?: number;
  /** Converged when every gradient component is below this times max(1, |f|). */
  relativeGradientTolerance?: number;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
  /** Largest gradient component at `x`. */
  gradientNorm: number;
}

const ARMIJO = 1e-4;
const CURVATURE = 0.9;
const LINE_SEARCH_STEPS = 60;

/**
 * Quasi-Newton minimisation (BFGS on the inverse Hessian) with a weak-Wolfe bisection line
 * search, which is robust to objectives that are Infinity outside their domain.
 */
export function minimize(
  objective: Objective,
  start: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 500;
  const coordinateLimit = options.coordinateLimit ?? 30;
  // Sums over many customers carry rounding of about 1e-16 per term: 1e-7 of |f| is as flat
  // as a gradient can be measured, and moves no estimate in its fourth digit.
  const tolerance = options.relativeGradientTolerance ?? 1e-7;
  let x: Float64Array = Float64Array.from(start);
  let gradient: Float64Array = new Float64Array(n);
  let value = objective(x, gradient);
  if (!Number.isFinite(value) || !allFinite(gradient)) {
    return { x, value, iterations: 0, converged: false, gradientNorm: Infinity };
  }
  let inverse = identity(n);
  let iterations = 0;
  let converged = maxAbs(gradient) <= tolerance * Math.max(1, Math.abs(value));
  while (!converged && iterations < maxIterations) {
    iterations += 1;
    let direction = times(inverse, gradient, -1);
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      // The curvature estimate went bad: restart from steepest descent.
      inverse = identity(n);
      direction = times(inverse, gradient, -1);
      slope = dot(gradient, direction);
    }
    // The first direction is the raw gradient, whose size says nothing of a good step.
    const first = iterations === 1 ? Math.min(1, 1 / Math.max(1e-12, maxAbs(direction))) : 1;
    const step = lineSearch(objective, x, value, slope, direction, first, 2 * coordinateLimit);
    if (!step) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (step.x[i] ?? 0) - (x[i] ?? 0);
      y[i] = (step.gradient[i] ?? 0) - (gradient[i] ?? 0);
    }
    const previous = value;
    x = step.x;
    gradient = step.gradient;
    value = step.value;
    converged = maxAbs(gradient) <= tolerance * Math.max(1, Math.abs(value));
    if (!converged && maxAbs(x) > coordinateLimit) break;
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (iterations === 1) inverse = scaled(identity(n), sy / dot(y, y));
      inverse = bfgsUpdate(inverse, s, y, sy);
    }
    // No measurable progress: stop; whether that counts as converged is the gradient's call.
    if (Math.abs(previous - value) <= 1e-15 * Math.max(1, Math.abs(value)) && maxAbs(s) < 1e-12)
      break;
  }
  return { x, value, iterations, converged, gradientNorm: maxAbs(gradient) };
}

/** The best of several runs from different starting points (lowest finite value wins). */
export function minimizeFromStarts(
  objective: Objective,
  starts: readonly ArrayLike<number>[],
  options: MinimizeOptions = {},
): MinimizeResult & { failedStarts: number } {
  let best: MinimizeResult | null = null;
  let failedStarts = 0;
  for (const start of starts) {
    const result = minimize(objective, start, options);
    if (!Number.isFinite(result.value) || !result.converged) failedStarts += 1;
    if (!Number.isFinite(result.value)) continue;
    if (!best || better(result, best)) best = result;
    // A converged run from the first start is the usual case: no need to try more.
    if (best.converged && failedStarts === 0) break;
  }
  const fallback = {
    x: Float64Array.from(starts[0] ?? []),
    value: NaN,
    iterations: 0,
    converged: false,
    gradientNorm: Infinity,
  };
  return { ...(best ?? fallback), failedStarts };
}

function better(candidate: MinimizeResult, incumbent: MinimizeResult): boolean {
  if (candidate.converged !== incumbent.converged) return candidate.converged;
  return candidate.value < incumbent.value;
}

interface Step {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
}

function lineSearch(
  objective: Objective,
  x: Float64Array,
  value: number,
  slope: number,
  direction: Float64Array,
  initial: number,
  /** Points with a coordinate beyond this are out of bounds (as if the objective were Infinity). */
  bound: number,
): Step | null {
  let low = 0;
  let high = Infinity;
  let t = initial;
  for (let attempt = 0; attempt < LINE_SEARCH_STEPS; attempt++) {
    const candidate = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) candidate[i] = (x[i] ?? 0) + t * (direction[i] ?? 0);
    const gradient = new Float64Array(x.length);
    const candidateValue = maxAbs(candidate) > bound ? Infinity : objective(candidate, gradient);
    if (
      !Number.isFinite(candidateValue) ||
      !allFinite(gradient) ||
      candidateValue > value + ARMIJO * t * slope
    ) {
      high = t;
      t = shorter(low, t, value, slope, candidateValue);
    } else if (dot(gradient, direction) < CURVATURE * slope) {
      low = t;
      // Still going down steeply: go further, a lot further while nothing bounds the step.
      t = Number.isFinite(high) ? (low + high) / 2 : 4 * t;
    } else {
      return { x: candidate, value: candidateValue, gradient };
    }
    if (Number.isFinite(high) && high - low < 1e-14 * Math.max(1, low)) break;
  }
  // Accept a point that decreased the value even when the curvature test never passed.
  if (low > 0) {
    const candidate = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) candidate[i] = (x[i] ?? 0) + low * (direction[i] ?? 0);
    const gradient = new Float64Array(x.length);
    const candidateValue = objective(candidate, gradient);
    if (Number.isFinite(candidateValue) && candidateValue < value)
      return { x: candidate, value: candidateValue, gradient };
  }
  return null;
}

/**
 * The next trial after a step that went too far: the minimum of the parabola through the
 * value and slope at the start and the value at `t` (when the step started from 0 and that
 * value is finite), kept within [0.1, 0.5] of the way from `low`; else halfway.
 */
function shorter(low: number, t: number, value: number, slope: number, atT: number): number {
  if (low > 0 || !Number.isFinite(atT)) return (low + t) / 2;
  const curvature = atT - value - slope * t;
  const parabola = curvature > 0 ? (-slope * t * t) / (2 * curvature) : t / 2;
  return Math.min(0.5 * t, Math.max(0.1 * t, parabola));
}

function bfgsUpdate(inverse: number[][], s: Float64Array, y: Float64Array, sy: number): number[][] {
  const n = s.length;
  const hy = times(inverse, y, 1);
  const yhy = dot(y, hy);
  const next = inverse.map((row) => [...row]);
  for (let i = 0; i < n; i++) {
    const row = next[i];
    if (!row) continue;
    for (let j = 0; j < n; j++) {
      const si = s[i] ?? 0;
      const sj = s[j] ?? 0;
      row[j] =
        (row[j] ?? 0) +
        ((sy + yhy) * si * sj) / (sy * sy) -
        ((hy[i] ?? 0) * sj + si * (hy[j] ?? 0)) / sy;
    }
  }
  return next;
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
}

function scaled(matrix: number[][], factor: number): number[][] {
  return matrix.map((row) => row.map((value) => value * factor));
}

function times(matrix: number[][], vector: Float64Array, sign: number): Float64Array {
  const out = new Float64Array(vector.length);
  for (let i = 0; i < vector.length; i++) {
    let sum = 0;
    const row = matrix[i] ?? [];
    for (let j = 0; j < vector.length; j++) sum += (row[j] ?? 0) * (vector[j] ?? 0);
    out[i] = sign * sum;
  }
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

function maxAbs(vector: Float64Array): number {
  let max = 0;
  for (const value of vector) max = Math.max(max, Math.abs(value));
  return max;
}

function allFinite(vector: Float64Array): boolean {
  return vector.every(Number.isFinite);
}
