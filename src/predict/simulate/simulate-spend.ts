import type { SpendParameters } from '../gamma-gamma.js';
import { STREAM_SPEND, checkPositive, streamRandom } from './simulated-customers.js';

/**
 * Mean spend per repeat purchase under Gamma-Gamma (Fader, Hardie & Lee 2005, note 025): each
 * customer's ν ~ Gamma(shape q, rate gamma) and each of x purchases z ~ Gamma(shape p, rate ν).
 * NaN for customers with x = 0. Assign the result to `monetary` of the simulated customers.
 */
export function simulateSpend(
  parameters: SpendParameters,
  frequency: Float64Array,
  seed: number,
): Float64Array {
  const { p, q, gamma } = parameters;
  checkPositive('Gamma-Gamma', { p, q, gamma });
  const random = streamRandom(seed, STREAM_SPEND);
  const monetary = new Float64Array(frequency.length);
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i] ?? 0;
    if (!(Number.isInteger(x) && x >= 0)) {
      throw new RangeError(`frequency must be a whole number ≥ 0, got ${x} for customer ${i}`);
    }
    if (x === 0) {
      monetary[i] = NaN;
      continue;
    }
    const nu = random.gamma(q, 1 / gamma);
    // x independent Gamma(p, ν) spends sum to one Gamma(x·p, ν): one draw, not x.
    monetary[i] = random.gamma(x * p, 1 / nu) / x;
  }
  return monetary;
}
