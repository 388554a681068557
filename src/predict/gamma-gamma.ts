import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import type { ModelFit } from './fit.js';
import { ModelDataError } from './fit.js';
import { fitModel, markDegenerate } from './fit-model.js';
import type { Objective } from './optimize/objective.js';
import { aboveOne, positive } from './parameters.js';
import type { SpendSummary } from './summary.js';
import { summaryCustomers } from './summary.js';

/**
 * Gamma-Gamma spend model (Fader & Hardie, note 025, "The Gamma-Gamma Model of Monetary
 * Value"): a customer's transactions are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers.
 * q is kept above 1 so the expected spend pγ/(q − 1) exists and is positive.
 */
export const gammaGammaParameters = [positive('p'), aboveOne('q'), positive('gamma')] as const;

export interface SpendParameters {
  p: number;
  q: number;
  gamma: number;
}

/** Fits p, q, γ to repeat buyers' mean spend per repeat purchase. */
export function fitGammaGamma(spend: SpendSummary): ModelFit {
  const warnings = checkSpend(spend);
  const customers = summaryCustomers(spend);
  let mean = 0;
  spend.monetary.forEach((m, i) => (mean += m * (spend.weight[i] ?? 0)));
  mean /= customers;
  const starts = [
    [Math.log(1), Math.log(1), Math.log(mean)],
    [Math.log(5), Math.log(2), Math.log(mean * 2)],
    [Math.log(0.5), Math.log(0.5), Math.log(mean / 2)],
  ];
  const fit = fitModel({
    model: 'gammagamma',
    parameters: gammaGammaParameters,
    objective: gammaGammaObjective(spend),
    starts,
    observations: customers,
    warnings,
  });
  judgePopulationMean(fit, spend);
  return fit;
}

// q − 1 below this leaves E[1/ν] = γ/(q − 1), the population's mean spend, resting on a
// rounding error.
const MIN_Q_EXCESS = 1e-3;
// A population mean this far outside every customer's own mean is not an estimate of it.
const MEAN_OUTSIDE_FACTOR = 2;

/**
 * Gamma-Gamma's expected spend is a weighted mean of the customer's own mean and the
 * population mean pγ/(q − 1), so the fit is only as sane as that population mean: q at its
 * lower limit, or a mean far outside the observed means (heavy outliers drive q to 1 and γ to
 * the outliers' size), makes the fit degenerate.
 */
function judgePopulationMean(fit: ModelFit, spend: SpendSummary): void {
  const { p, q, gamma } = spendParameters(fit);
  if (q - 1 < MIN_Q_EXCESS) {
    markDegenerate(
      fit,
      `q = ${q.toPrecision(6)} is at its lower limit of 1: the spread of spend between customers has no usable mean`,
    );
    return;
  }
  let low = Infinity;
  let high = -Infinity;
  for (const m of spend.monetary) {
    low = Math.min(low, m);
    high = Math.max(high, m);
  }
  const mean = (p * gamma) / (q - 1);
  if (!(mean >= low / MEAN_OUTSIDE_FACTOR && mean <= high * MEAN_OUTSIDE_FACTOR)) {
    markDegenerate(
      fit,
      `the mean spend it implies, ${mean.toPrecision(3)}, lies far outside the customers' own mean spends (${low.toPrecision(3)} to ${high.toPrecision(3)})`,
    );
  }
}

/** Σ w·ln f(m̄ | p, q, γ, x) over the repeat buyers. */
export function gammaGammaLogLikelihood(parameters: SpendParameters, spend: SpendSummary): number {
  const theta = Float64Array.of(
    Math.log(parameters.p),
    Math.log(parameters.q - 1),
    Math.log(parameters.gamma),
  );
  return -gammaGammaObjective(spend)(theta, null);
}

/**
 * E[M | p, q, γ, m̄, x] (note 025, eq. 5): a weighted mean of the population mean pγ/(q − 1)
 * and the customer's own mean m̄, the customer's weight growing with x. x = 0 gives the
 * population mean.
 */
export function expectedSpend(parameters: SpendParameters, x: number, monetary: number): number {
  const { p, q, gamma } = parameters;
  if (x === 0) return (p * gamma) / (q - 1);
  return (p * (gamma + x * monetary)) / (p * x + q - 1);
}

/** The natural parameters of a Gamma-Gamma fit. */
export function spendParameters(fit: ModelFit): SpendParameters {
  return {
    p: fit.parameters['p'] ?? NaN,
    q: fit.parameters['q'] ?? NaN,
    gamma: fit.parameters['gamma'] ?? NaN,
  };
}

function checkSpend(spend: SpendSummary): string[] {
  const rows = spend.weight.length;
  if (rows === 0) {
    throw new ModelDataError('Gamma-Gamma: no repeat buyers with a positive spend to fit');
  }
  for (let i = 0; i < rows; i++) {
    const x = spend.frequency[i] ?? NaN;
    const m = spend.monetary[i] ?? NaN;
    if (!(Number.isInteger(x) && x > 0) || !(m > 0) || !Number.isFinite(m)) {
      throw new ModelDataError(
        `Gamma-Gamma: row ${i + 1} has frequency ${x} and mean spend ${m}: both must be positive`,
      );
    }
  }
  const customers = summaryCustomers(spend);
  if (customers < 2) throw new ModelDataError('Gamma-Gamma: one repeat buyer cannot identify it');
  return customers < 50 ? [`only ${customers} repeat buyers: the spend estimates are rough`] : [];
}

/**
 * The negative log-likelihood on θ = (ln p, ln(q − 1), ln γ) with its exact gradient, from
 * ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x).
 */
export function gammaGammaObjective(spend: SpendSummary): Objective {
  const { frequency, monetary, weight } = spend;
  const rows = weight.length;
  const distinct = [...new Set(frequency)];
  const slot = new Map(distinct.map((x, i) => [x, i]));
  const weightByX = new Float64Array(distinct.length);
  const spendTotal = Float64Array.from(monetary, (m, i) => m * (frequency[i] ?? 0));
  // Σ w ln m̄ and Σ w x ln(m̄ x) do not depend on the parameters.
  let sumLogM = 0;
  let sumXLogMX = 0;
  for (let i = 0; i < rows; i++) {
    const x = frequency[i] ?? 0;
    const w = weight[i] ?? 0;
    const k = slot.get(x) ?? 0;
    weightByX[k] = (weightByX[k] ?? 0) + w;
    sumLogM += w * Math.log(monetary[i] ?? 0);
    sumXLogMX += w * x * Math.log(spendTotal[i] ?? 0);
  }
  return (theta, gradient) => {
    const p = Math.exp(theta[0] ?? NaN);
    const q = 1 + Math.exp(theta[1] ?? NaN);
    const gamma = Math.exp(theta[2] ?? NaN);
    if (![p, q, gamma].every((v) => Number.isFinite(v) && v > 0) || q <= 1) return Infinity;
    let total = p * sumXLogMX - sumLogM;
    let dp = sumXLogMX;
    let dq = 0;
    let dGamma = 0;
    const logGamma = Math.log(gamma);
    distinct.forEach((x, k) => {
      const w = weightByX[k] ?? 0;
      total += w * (gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * logGamma);
      if (gradient) {
        const shared = digamma(p * x + q);
        dp += w * x * (shared - digamma(p * x));
        dq += w * (shared - digamma(q) + logGamma);
        dGamma += (w * q) / gamma;
      }
    });
    for (let i = 0; i < rows; i++) {
      const x = frequency[i] ?? 0;
      const w = weight[i] ?? 0;
      const base = gamma + (spendTotal[i] ?? 0);
      const logBase = Math.log(base);
      total -= w * (p * x + q) * logBase;
      if (gradient) {
        dp -= w * x * logBase;
        dq -= w * logBase;
        dGamma -= (w * (p * x + q)) / base;
      }
    }
    if (gradient) {
      gradient[0] = -dp * p;
      gradient[1] = -dq * (q - 1);
      gradient[2] = -dGamma * gamma;
    }
    return Number.isFinite(total) ? -total : Infinity;
  };
}
