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
  /**
   * `ok`, or `degenerate` when the optimum says little: it did not converge, a parameter ran
   * to 0 or infinity, or the data do not pin a parameter down. A degenerate fit still
   * predicts, flagged, from the fallback its user states.
   */
  status: FittedStatus;
  /** Why the fit is degenerate, for people; empty when it is ok. */
  reasons: string[];
  /** What else deserves care: little data, a rough estimate. */
  warnings: string[];
}

/** What a fit that produced estimates can be. */
export type FittedStatus = 'ok' | 'degenerate';

/** A model's state after a refresh: `failed` when nothing could be fitted. */
export type FitStatus = FittedStatus | 'failed';

export type ModelName = 'bgnbd' | 'mbgnbd' | 'paretonbd' | 'gammagamma' | 'sbg';

/** Raised when the data cannot identify a model: the message says why, for people. */
export class ModelDataError extends Error {
  override readonly name = 'ModelDataError';
}
