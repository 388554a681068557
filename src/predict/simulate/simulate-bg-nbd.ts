import { cappedBetaGeometric, gammaPoisson } from './discrete-draws.js';
import type { SimulatedCustomers, SimulationOptions } from './simulated-customers.js';
import {
  STREAM_BG_NBD,
  allocateCustomers,
  checkPositive,
  roundToDay,
  streamRandom,
} from './simulated-customers.js';

/** BG/NBD parameters: λ ~ Gamma(shape r, rate alpha), p ~ Beta(a, b). */
export interface BgNbdParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * Customers drawn from the BG/NBD model (Fader, Hardie & Lee 2005): Poisson purchases at rate
 * λ from the first purchase at time 0, and after each repeat purchase a dropout with
 * probability p. Exact to the model, in bounded expected time per customer whatever λ and p.
 */
export function simulateBgNbd(
  parameters: BgNbdParameters,
  options: SimulationOptions,
): SimulatedCustomers {
  return simulateDropouts('BG/NBD', parameters, options, STREAM_BG_NBD, 0);
}

/**
 * Customers drawn from BG/NBD or from MBG/NBD, where the first purchase is one more occasion to
 * drop out (`extra` = 1): with G the occasion after which the customer leaves, G ~
 * beta-geometric, a customer with N Poisson purchases in (0, T] makes x = min(G − extra, N).
 */
export function simulateDropouts(
  model: string,
  parameters: BgNbdParameters,
  options: SimulationOptions,
  stream: number,
  extra: 0 | 1,
): SimulatedCustomers {
  const { r, alpha, a, b } = parameters;
  checkPositive(model, { r, alpha, a, b });
  const customers = allocateCustomers(options);
  const { frequency, recency } = customers;
  const { T, dayResolution = true } = options;
  const random = streamRandom(options.seed, stream);
  for (let i = 0; i < frequency.length; i++) {
    // N purchases would fall in (0, T] without dropout; the coin flips are independent of the
    // timing. λ and p only matter through N and G, so neither is drawn when their marginals
    // can be drawn directly.
    const n = gammaPoisson(random, r, alpha, T);
    if (n === 0) continue;
    const x = cappedBetaGeometric(random, a, b, n + extra) - extra;
    if (x === 0) continue;
    // Given N = n, the purchase times are n sorted uniforms on (0, T]: the x-th is
    // T · Beta(x, n − x + 1), which for x = n is T · U^(1/n).
    const tx = x === n ? T * Math.pow(1 - random.next(), 1 / n) : T * random.beta(x, n - x + 1);
    frequency[i] = x;
    recency[i] = dayResolution ? roundToDay(tx, T) : tx;
  }
  return customers;
}
