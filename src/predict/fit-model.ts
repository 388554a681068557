import type { ModelFit, ModelName } from './fit.js';
import { ModelDataError } from './fit.js';
import { hessian } from './optimize/hessian.js';
import { invertSymmetric } from './optimize/linear-algebra.js';
import { minimizeFromStarts } from './optimize/minimize.js';
import type { Objective } from './optimize/objective.js';
import type { ParameterSpec } from './parameters.js';
import { naturalValues } from './parameters.js';

export interface FitProblem {
  model: ModelName;
  parameters: readonly ParameterSpec[];
  /** Negative log-likelihood in optimizer coordinates (θ), with its gradient when known. */
  objective: Objective;
  /** Starting points in θ, tried in order until one converges. */
  starts: readonly ArrayLike<number>[];
  observations: number;
  /** Warnings the caller already knows of (e.g. little data). */
  warnings?: string[];
}

// |θ| beyond this means a parameter ran off towards 0 or infinity: the data do not pin it.
const BOUNDARY_THETA = 14;
// A standard error of ln(parameter) beyond this puts its 95 % interval across a factor of
// e^(2 · 1.96 · 3) ≈ 10^5: the estimate is an accident of where the optimizer stopped. It is
// how a drift to infinity shows when the optimizer stops short of the boundary (BG/NBD's a and
// b growing together on a small shop, say).
const LOG_STANDARD_ERROR_LIMIT = 3;

/**
 * Maximum likelihood: minimises the negative log-likelihood from each start, then reads the
 * standard errors off the observed information (the Hessian at the optimum) and judges
 * whether the optimum means anything (`status`).
 */
export function fitModel(problem: FitProblem): ModelFit {
  const result = minimizeFromStarts(problem.objective, problem.starts);
  if (!Number.isFinite(result.value)) {
    throw new ModelDataError(
      `${problem.model}: the likelihood could not be evaluated from any starting point`,
    );
  }
  const reasons: string[] = [];
  const names = problem.parameters.map((spec) => spec.name);
  const values = naturalValues(problem.parameters, result.x);
  if (!result.converged) {
    reasons.push(
      `the optimizer stopped after ${result.iterations} iterations without converging (largest gradient ${result.gradientNorm.toPrecision(3)})`,
    );
  }
  const atEdge = names
    .map((name, i) => ({ name, value: values[i] ?? NaN, theta: result.x[i] ?? 0 }))
    .filter(({ theta }) => Math.abs(theta) > BOUNDARY_THETA)
    .map(({ name, value }) => `${name} = ${value.toPrecision(3)}`);
  if (atEdge.length > 0) {
    reasons.push(`${atEdge.join(', ')} ran to the edge of the range: the data do not identify it`);
  }
  const covariance = invertSymmetric(hessian(problem.objective, result.x));
  if (!covariance) {
    reasons.push('the information matrix is singular: the data do not identify every parameter');
  }
  const parameters: Record<string, number> = {};
  const standardErrors: Record<string, number | null> = {};
  problem.parameters.forEach((spec, i) => {
    const theta = result.x[i] ?? NaN;
    parameters[spec.name] = values[i] ?? NaN;
    const variance = covariance?.[i]?.[i];
    const usable = variance !== undefined && variance >= 0;
    standardErrors[spec.name] = usable
      ? Math.abs(spec.derivative(theta)) * Math.sqrt(variance)
      : null;
    if (usable && Math.abs(theta) <= BOUNDARY_THETA) {
      const logError = Math.sqrt(variance);
      if (logError > LOG_STANDARD_ERROR_LIMIT) {
        reasons.push(
          `${spec.name} = ${(values[i] ?? NaN).toPrecision(3)} is not pinned down by the data (the standard error of its logarithm is ${logError.toPrecision(2)})`,
        );
      }
    }
  });
  return {
    model: problem.model,
    parameterNames: names,
    parameters,
    standardErrors,
    covariance,
    logLikelihood: -result.value,
    iterations: result.iterations,
    converged: result.converged,
    observations: problem.observations,
    status: reasons.length > 0 ? 'degenerate' : 'ok',
    reasons,
    warnings: [...(problem.warnings ?? [])],
  };
}

/** Model parameters in order, from a fit. */
export function parameterVector(fit: ModelFit): number[] {
  return fit.parameterNames.map((name) => fit.parameters[name] ?? NaN);
}

/** Marks a fit degenerate for a reason its model found after fitting. */
export function markDegenerate(fit: ModelFit, reason: string): void {
  fit.status = 'degenerate';
  fit.reasons.push(reason);
}
