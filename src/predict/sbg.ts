import betaln from '@stdlib/math-base-special-betaln';
import digamma from '@stdlib/math-base-special-digamma';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import type { ModelFit } from './fit.js';
import { ModelDataError } from './fit.js';
import { fitModel } from './fit-model.js';
import type { Objective } from './optimize/objective.js';
import { positive } from './parameters.js';

/**
 * Shifted-beta-geometric retention model (Fader & Hardie 2007, "How to Project Customer
 * Retention", J. Interactive Marketing 21(1)): each customer churns at the end of a period with
 * a constant probability θ, and θ ~ Beta(α, β) across customers. Cohort retention still rises
 * with tenure because the likely churners leave first.
 */
export const sbgParameters = [positive('alpha'), positive('beta')] as const;

export interface RetentionParameters {
  alpha: number;
  beta: number;
}

export interface RetentionCohort {
  /** customers alive at the start of each period, period 0 = the cohort's size; non-increasing */
  alive: readonly number[];
}

/** Fits α, β to cohorts of any ages at once; each cohort's last count is right-censored. */
export function fitSbg(cohorts: readonly RetentionCohort[]): ModelFit {
  const pooled = pool(cohorts);
  return fitModel({
    model: 'sbg',
    parameters: sbgParameters,
    objective: negativeLogLikelihood(pooled),
    starts: [
      [1, 1],
      [0.5, 3],
      [0.2, 0.2],
      [10, 20],
    ].map((values) => values.map(Math.log)),
    observations: pooled.customers,
    warnings: pooled.warnings,
  });
}

/** The negative log-likelihood on θ = (ln α, ln β) that `fitSbg` minimises, with its gradient. */
export function sbgObjective(cohorts: readonly RetentionCohort[]): Objective {
  return negativeLogLikelihood(pool(cohorts));
}

/** Σ ln-likelihood of the cohorts at natural parameters. */
export function sbgLogLikelihood(
  params: RetentionParameters,
  cohorts: readonly RetentionCohort[],
): number {
  const theta = Float64Array.of(Math.log(params.alpha), Math.log(params.beta));
  return -sbgObjective(cohorts)(theta, null);
}

/** S(t) = B(α, β + t) / B(α, β): the share of a cohort still alive after t renewal chances. */
export function survival({ alpha, beta }: RetentionParameters, t: number): number {
  return Math.exp(betaln(alpha, beta + t) - betaln(alpha, beta));
}

/** r_t = S(t) / S(t − 1) = (β + t − 1) / (α + β + t − 1): retention in period t ≥ 1. */
export function retentionRate({ alpha, beta }: RetentionParameters, t: number): number {
  return (beta + t - 1) / (alpha + beta + t - 1);
}

/** P(T = t) = B(α + 1, β + t − 1) / B(α, β): the share of a cohort churning in period t ≥ 1. */
export function churnProbability({ alpha, beta }: RetentionParameters, t: number): number {
  return Math.exp(betaln(alpha + 1, beta + t - 1) - betaln(alpha, beta));
}

/** Expected alive at the start of periods 0..periods, for a cohort of `size`. */
export function projectAlive(params: RetentionParameters, size: number, periods: number): number[] {
  return Array.from({ length: periods + 1 }, (_, t) => size * survival(params, t));
}

/**
 * DEL = Σ_{t≥0} S(t) / (1 + d)^t for a customer just acquired, who pays at the start of every
 * period alive: the first payment (t = 0) counts in full. Since S(t) = (β)_t / (α + β)_t, the sum
 * is 2F1(1, β; α + β; 1 / (1 + d)) (Fader & Hardie 2010, Marketing Science 29(1)). With d = 0 it
 * is the expected lifetime, infinite when α ≤ 1.
 */
export function discountedExpectedLifetime(p: RetentionParameters, discountRate: number): number {
  checkRate(discountRate);
  return hyp2f1(1, p.beta, p.alpha + p.beta, 1 / (1 + discountRate));
}

/**
 * DERL for a customer who has renewed `renewals` times (n − 1 in Fader & Hardie 2010) and now
 * faces the next renewal: Σ_{t≥n} S(t) / S(n − 1) / (1 + d)^(t − n). The payment already made for
 * the current period does not count; the one at this renewal counts undiscounted, weighted by
 * r_n. S(t) / S(n − 1) = (β + n − 1)_{t−n+1} / (α + β + n − 1)_{t−n+1}, which gives
 * r_n · 2F1(1, β + n; α + β + n; 1 / (1 + d)). For renewals = 0, DEL = 1 + DERL / (1 + d).
 */
export function discountedExpectedResidualLifetime(
  params: RetentionParameters,
  discountRate: number,
  renewals: number,
): number {
  checkRate(discountRate);
  if (!(Number.isInteger(renewals) && renewals >= 0)) {
    throw new RangeError(`renewals must be a whole number ≥ 0, not ${renewals}`);
  }
  const n = renewals + 1;
  const { alpha, beta } = params;
  return retentionRate(params, n) * hyp2f1(1, beta + n, alpha + beta + n, 1 / (1 + discountRate));
}

/** The natural parameters of an sBG fit. */
export function retentionParameters(fit: ModelFit): RetentionParameters {
  return { alpha: fit.parameters['alpha'] ?? NaN, beta: fit.parameters['beta'] ?? NaN };
}

/**
 * churners[t] left in period t, censored[K] were still alive after K periods:
 * LL = Σ_t churners[t] ln P(T = t) + Σ_K censored[K] ln S(K) (the paper's LL, over all cohorts).
 */
function negativeLogLikelihood({ churners, censored }: Pooled): Objective {
  return (theta, gradient) => {
    const alpha = Math.exp(theta[0] ?? NaN);
    const beta = Math.exp(theta[1] ?? NaN);
    if (!(alpha > 0 && beta > 0 && Number.isFinite(alpha + beta))) return Infinity;
    const base = betaln(alpha, beta);
    const psiSum = digamma(alpha + beta);
    const psiBeta = digamma(beta);
    let total = 0;
    let dA = 0;
    let dB = 0;
    churners.forEach((count, t) => {
      if (count === 0) return;
      total += count * (betaln(alpha + 1, beta + t - 1) - base);
      if (!gradient) return;
      const shift = psiSum - digamma(alpha + beta + t);
      // ψ(α + 1) − ψ(α) = 1/α exactly; the difference of digammas would lose digits.
      dA += count * (1 / alpha + shift);
      dB += count * (digamma(beta + t - 1) - psiBeta + shift);
    });
    censored.forEach((count, k) => {
      if (count === 0) return;
      total += count * (betaln(alpha, beta + k) - base);
      if (!gradient) return;
      const shift = psiSum - digamma(alpha + beta + k);
      dA += count * shift;
      dB += count * (digamma(beta + k) - psiBeta + shift);
    });
    if (gradient) {
      gradient[0] = -dA * alpha;
      gradient[1] = -dB * beta;
    }
    return Number.isFinite(total) ? -total : Infinity;
  };
}

interface Pooled {
  churners: number[];
  /** Survivors by the age at which their cohort's observation ends. */
  censored: Map<number, number>;
  customers: number;
  warnings: string[];
}

// Cohorts of the same age share every term of the likelihood, so they pool into counts by period.
function pool(cohorts: readonly RetentionCohort[]): Pooled {
  if (cohorts.length === 0) throw new ModelDataError('sBG: no cohorts to fit');
  // Indexed by period; each cohort fills periods 1..age in order, so the array has no holes.
  const churners: number[] = [0];
  const censored = new Map<number, number>();
  let customers = 0;
  let longest = 0;
  cohorts.forEach(({ alive }, c) => {
    if (alive.length === 0) throw new ModelDataError(`sBG: cohort ${c + 1} has no counts`);
    const age = alive.length - 1;
    alive.forEach((count, t) => {
      const before = t === 0 ? Infinity : (alive[t - 1] ?? NaN);
      if (!(Number.isInteger(count) && count >= 0 && count <= before)) {
        throw new ModelDataError(
          `sBG: cohort ${c + 1} has ${count} alive in period ${t}: counts must be whole numbers ≥ 0 that never increase`,
        );
      }
      if (t > 0) churners[t] = (churners[t] ?? 0) + before - count;
    });
    censored.set(age, (censored.get(age) ?? 0) + (alive[age] ?? 0));
    customers += alive[0] ?? 0;
    longest = Math.max(longest, age);
  });
  // P(T = 1) = α / (α + β) alone fixes only the ratio; a second period is needed to split it.
  if (longest < 2) {
    throw new ModelDataError(
      'sBG: no cohort was observed for 2 periods; α and β cannot be told apart',
    );
  }
  const churned = churners.reduce((sum, n) => sum + n, 0);
  if (churned === 0) {
    throw new ModelDataError('sBG: nobody churned, so the churn probabilities cannot be estimated');
  }
  const warnings: string[] = [];
  if (customers < 100) warnings.push(`only ${customers} customers: the estimates are rough`);
  if (churned < 20) warnings.push(`only ${churned} churned: the estimates are rough`);
  if (longest === 2) {
    warnings.push('only 2 periods observed: they fit the 2 parameters exactly and test nothing');
  }
  return { churners, censored, customers, warnings };
}

function checkRate(discountRate: number): void {
  if (!(discountRate >= 0 && Number.isFinite(discountRate))) {
    throw new RangeError(`the discount rate must be ≥ 0, not ${discountRate}`);
  }
}
