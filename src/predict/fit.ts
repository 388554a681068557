/**
 * A fitted model as it is stored and shown: parameters on their natural scale, their standard
 * errors, and the covariance of the log-parameters the optimizer worked on (what prediction
 * intervals are drawn from). Plain JSON, so a fit serializes as itself.
 */
export interface ModelFit {
  model: ModelName;
  /** Parameter names in optimizer order, e.g. ["r", "alpha", "a", "b"]. */
  parameterNames: string[];
  parameters: Record<string, number>;
  /** Asymptotic standard errors on the natural scale; null when the information matrix is singular. */
  standardErrors: Record<string, number | null>;
  /** Covariance of the optimizer's (log-scale) parameters, in `parameterNames` order; null when singular. */
  covariance: number[][] | null;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** Customers (or cohort members) the fit saw. */
  observations: number;
  /** Why the estimates deserve less trust: weak identification, a boundary, a failed start. */
  warnings: string[];
}

export type ModelName = 'bgnbd' | 'mbgnbd' | 'paretonbd' | 'gammagamma' | 'sbg';

/** Raised when the data cannot identify a model: the message says why, for people. */
export class ModelDataError extends Error {
  override readonly name = 'ModelDataError';
}
