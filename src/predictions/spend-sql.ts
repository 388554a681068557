import type { ModelFit } from '../predict/fit.js';
import { spendParameters } from '../predict/gamma-gamma.js';
import type { SpendLaw } from '../predict/spend-quantiles.js';
import type { SpendOutcome } from './fit-models.js';
import type { SqlParams } from '../store/warehouse.js';

/**
 * Gamma-Gamma's expected spend per purchase as SQL over `frequency` and `monetary`, so a
 * million customers are priced inside the engine. It mirrors `expectedSpend` in
 * `src/predict/gamma-gamma.ts` (a test holds them equal): p(γ + x·m̄)/(px + q − 1), and the
 * population mean pγ/(q − 1) when x = 0.
 */
export const EXPECTED_SPEND_SQL = `
  CASE WHEN frequency > 0
       THEN $p * ($gamma + frequency * greatest(coalesce(monetary, 0), 0)) / ($p * frequency + $q - 1)
       ELSE $p * $gamma / ($q - 1) END`;

/**
 * The gradient of ln(expected spend) in (ln p, ln(q − 1), ln γ), as columns g0, g1, g2:
 * (1 − px/(px + q − 1), −(q − 1)/(px + q − 1), γ/(γ + x·m̄)).
 */
export const SPEND_GRADIENT_SQL = `
  1 - $p * frequency / ($p * frequency + $q - 1) AS g0,
  -($q - 1) / ($p * frequency + $q - 1) AS g1,
  $gamma / ($gamma + frequency * greatest(coalesce(monetary, 0), 0)) AS g2`;

/** Variance of ln(expected spend) by the delta method, over the columns g0, g1, g2. */
export const SPEND_LOG_VARIANCE_SQL = `
  (g0 * g0 * $c00 + g1 * g1 * $c11 + g2 * g2 * $c22
   + 2 * (g0 * g1 * $c01 + g0 * g2 * $c02 + g1 * g2 * $c12))`;

/** The parameters of EXPECTED_SPEND_SQL and SPEND_GRADIENT_SQL. */
export function spendSqlParams(fit: ModelFit): SqlParams {
  const { p, q, gamma } = spendParameters(fit);
  return { p, q, gamma };
}

/** The parameters of SPEND_LOG_VARIANCE_SQL: the covariance of the log-parameters. */
export function spendVarianceParams(fit: ModelFit): SqlParams {
  const c = fit.covariance;
  const cell = (i: number, j: number): number | null => c?.[i]?.[j] ?? null;
  return {
    c00: cell(0, 0),
    c11: cell(1, 1),
    c22: cell(2, 2),
    c01: cell(0, 1),
    c02: cell(0, 2),
    c12: cell(1, 2),
  };
}

/**
 * The fallback of a degenerate Gamma-Gamma fit as SQL: `shrunkSpend` of
 * `src/predict/shrunk-spend.ts` (a test holds them equal), (x·m̄ + median) / (x + 1).
 */
export const SHRUNK_SPEND_SQL = `
  (frequency * greatest(coalesce(monetary, 0), 0) + $median) / (frequency + 1)`;

/**
 * The SQL of expected spend per purchase, of its gradient columns g0..g2 and of its log
 * variance for a spend outcome, with their parameters. Without a spend model they are NULL;
 * the fallback has no parameter uncertainty of its own.
 */
export function spendSql(spend: SpendOutcome): {
  expected: string;
  gradient: string;
  logVariance: string;
  /** What the predictive interval's factors are multiplied by (see `SpendLaw`). */
  intervalScale: string;
  law: SpendLaw | null;
  /** The parameters of `expected`, `gradient` and `intervalScale`. */
  params: SqlParams;
  /** The parameters of `logVariance`. */
  varianceParams: SqlParams;
} {
  if (spend.fit?.status === 'ok') {
    const { p, q } = spendParameters(spend.fit);
    return {
      expected: EXPECTED_SPEND_SQL,
      gradient: SPEND_GRADIENT_SQL,
      logVariance: SPEND_LOG_VARIANCE_SQL,
      intervalScale: '($gamma + frequency * greatest(coalesce(monetary, 0), 0))',
      law: { kind: 'gammagamma', p, q },
      params: spendSqlParams(spend.fit),
      varianceParams: spendVarianceParams(spend.fit),
    };
  }
  const none = 'NULL::DOUBLE AS g0, NULL::DOUBLE AS g1, NULL::DOUBLE AS g2';
  if (spend.fallbackMedian !== null) {
    return {
      expected: SHRUNK_SPEND_SQL,
      gradient: none,
      logVariance: '0',
      intervalScale: 'expected_spend',
      law: { kind: 'fixed' },
      params: { median: spend.fallbackMedian },
      varianceParams: {},
    };
  }
  return {
    expected: 'NULL::DOUBLE',
    gradient: none,
    logVariance: 'NULL::DOUBLE',
    intervalScale: 'NULL::DOUBLE',
    law: null,
    params: {},
    varianceParams: {},
  };
}
