import { gammaPoisson } from './discrete-draws.js';
import type { SimulatedCustomers, SimulationOptions } from './simulated-customers.js';
import {
  STREAM_PARETO_NBD,
  allocateCustomers,
  checkPositive,
  roundToDay,
  streamRandom,
} from './simulated-customers.js';

/** Pareto/NBD parameters: λ ~ Gamma(shape r, rate alpha), μ ~ Gamma(shape s, rate beta). */
export interface ParetoNbdParameters {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/**
 * Customers drawn from the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): Poisson
 * purchases at rate λ until an exponential lifetime τ with rate μ ends, observed up to T.
 */
export function simulateParetoNbd(
  parameters: ParetoNbdParameters,
  options: SimulationOptions,
): SimulatedCustomers {
  const { r, alpha, s, beta } = parameters;
  checkPositive('Pareto/NBD', { r, alpha, s, beta });
  const customers = allocateCustomers(options);
  const { frequency, recency } = customers;
  const { T, dayResolution = true } = options;
  const random = streamRandom(options.seed, STREAM_PARETO_NBD);
  for (let i = 0; i < frequency.length; i++) {
    // τ mixed over μ ~ Gamma(s, β) is Pareto type II, P(τ > t) = (β / (β + t))^s: inverting
    // it is one draw where μ then τ would be two. An infinite τ (overflow) is a customer who
    // never leaves.
    const lifetime = beta * (Math.pow(1 - random.next(), -1 / s) - 1);
    const active = Math.min(lifetime, T);
    const n = gammaPoisson(random, r, alpha, active);
    if (n === 0) continue;
    // Given n purchases in (0, active], the last is the largest of n uniforms.
    const tx = active * Math.pow(1 - random.next(), 1 / n);
    frequency[i] = n;
    recency[i] = dayResolution ? roundToDay(tx, T) : tx;
  }
  return customers;
}
