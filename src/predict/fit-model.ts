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

/**
 * Maximum likelihood: minimises the negative log-likelihood from each start, then reads the
 * standard errors off the observed information (the Hessian at the optimum).
 */
export function fitModel(problem: FitProblem): ModelFit {
  const result = minimizeFromStarts(problem.objective, problem.starts);
  if (!Number.isFinite(result.value)) {
    throw new ModelDataError(
      `${problem.model}: the likelihood could not be evaluated from any starting point`,
    );
  }
  const warnings = [...(problem.warnings ?? [])];
  const names = problem.parameters.map((spec) => spec.name);
  const values = naturalValues(problem.parameters, result.x);
  if (!result.converged) {
    warnings.push(
      `the optimizer stopped after ${result.iterations} iterations without converging (largest gradient ${result.gradientNorm.toPrecision(3)}): treat the estimates with care`,
    );
  }
  result.x.forEach((theta, i) => {
    if (Math.abs(theta) > BOUNDARY_THETA) {
      warnings.push(
        `${names[i] ?? '?'} = ${(values[i] ?? NaN).toPrecision(3)} is at the edge of its range: the data do not identify it`,
      );
    }
  });
  const covariance = invertSymmetric(hessian(problem.objective, result.x));
  if (!covariance) {
    warnings.push('the information matrix is singular: standard errors are not available');
  }
  const parameters: Record<string, number> = {};
  const standardErrors: Record<string, number | null> = {};
  problem.parameters.forEach((spec, i) => {
    const theta = result.x[i] ?? NaN;
    parameters[spec.name] = values[i] ?? NaN;
    const variance = covariance?.[i]?.[i];
    standardErrors[spec.name] =
      variance !== undefined && variance >= 0
        ? Math.abs(spec.derivative(theta)) * Math.sqrt(variance)
        : null;
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
    warnings,
  };
}

/** Model parameters in order, from a fit. */
export function parameterVector(fit: ModelFit): number[] {
  return fit.parameterNames.map((name) => fit.parameters[name] ?? NaN);
}
