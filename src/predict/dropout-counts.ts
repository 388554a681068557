import { nbdCounts } from './nbd-counts.js';
import { allPositiveFinite } from './parameters.js';

/**
 * Purchases in the next t of a customer alive now under BG/NBD or MBG/NBD: while alive the
 * customer buys at Poisson rate λ ~ Gamma(shape, rate) and after each purchase leaves with
 * probability p ~ Beta(a, b) (the posteriors given the history, λ and p independent). With N
 * the purchases without dropout and G the purchase after which the customer leaves, the count
 * is K = min(N, G), N ~ NBD and G ~ beta-geometric, independent, so
 *   P(K > k) = P(G > k) P(N > k),
 *   P(K = k) = P(G > k) P(N = k) + P(G = k) P(N ≥ k),
 * with P(G > k) = B(a, b + k) / B(a, b) = Π_{j<k} (b + j)/(a + b + j) and
 * P(G = k) = a/(a + b + k − 1) · P(G > k − 1): products of ratios that stay exact for a and b
 * up to 1e8 and more, where Γ and the hypergeometric function of the closed forms overflow.
 */
export interface DropoutPosterior {
  shape: number;
  rate: number;
  a: number;
  b: number;
}

/**
 * P(K = k) for k = 0 … m, the last entry P(K ≥ m), m the first k with P(K > k) < tail; a
 * single NaN when a parameter or t is not a finite number (or a parameter not positive).
 */
export function dropoutCountPmf(
  posterior: DropoutPosterior,
  t: number,
  tail: number,
  maxCount: number,
): Float64Array {
  const { shape, rate, a, b } = posterior;
  if (!allPositiveFinite([shape, rate, a, b]) || !Number.isFinite(t)) return Float64Array.of(NaN);
  const { pmf, survival } = nbdCounts(shape, rate, t, tail, maxCount);
  const counts: number[] = [];
  let stay = 1; // P(G > k)
  let leaveNow = 0; // P(G = k)
  for (let k = 0; k < pmf.length; k++) {
    if (k > 0) {
      leaveNow = (stay * a) / (a + b + k - 1);
      stay *= (b + k - 1) / (a + b + k - 1);
    }
    const beyond = stay * (survival[k + 1] ?? 0);
    if (beyond < tail || k === pmf.length - 1) {
      // P(K ≥ k) = P(G ≥ k) P(N ≥ k), and P(G ≥ k) = P(G > k) + P(G = k).
      counts.push((stay + leaveNow) * (survival[k] ?? 0));
      break;
    }
    counts.push(stay * (pmf[k] ?? 0) + leaveNow * (survival[k] ?? 0));
  }
  return Float64Array.from(counts);
}
