import gammaln from '@stdlib/math-base-special-gammaln';

/**
 * The count N(t) of a Poisson process whose rate is Gamma(shape, rate): the NBD. Plain arrays,
 * not typed ones: these are scratch tables, built once per (x, T), and a Float64Array costs
 * several times as much to allocate.
 */
export interface NbdCounts {
  /** P(N = k) for k = 0 … n − 1. */
  pmf: number[];
  /** P(N ≥ k) for k = 0 … n: one entry longer than pmf, the last the mass beyond it. */
  survival: number[];
}

// The mass past the table is summed on to this, not bounded, so that the survival function
// stays consistent with the terms and they sum to 1 to rounding.
const NEGLIGIBLE = 1e-18;

/**
 * P(N(t) = k) = Γ(shape + k) / (Γ(shape) k!) · (rate/(rate+t))^shape · (t/(rate+t))^k for
 * k = 0, 1, … until P(N ≥ k) falls below `tail`, and no further than k = maxCount.
 * The terms are built outward from the mode by their ratios, so a long history (a large shape,
 * whose P(N = 0) underflows) costs no accuracy; P(N ≥ k) sums the smaller side, so tail
 * probabilities keep their relative accuracy instead of being 1 minus a number near 1.
 */
export function nbdCounts(
  shape: number,
  rate: number,
  t: number,
  tail: number,
  maxCount: number,
): NbdCounts {
  if (!(t > 0)) return { pmf: [1], survival: [1, 0] };
  const q = t / (rate + t);
  const logStay = -Math.log1p(t / rate);
  const limit = Math.max(0, Math.floor(maxCount));
  const mode = Math.min(limit, Math.max(0, Math.floor(((shape - 1) * t) / rate)));
  const logAtMode =
    mode === 0
      ? shape * logStay
      : gammaln(shape + mode) -
        gammaln(shape) -
        gammaln(mode + 1) +
        shape * logStay +
        mode * Math.log(q);
  const pmf: number[] = new Array<number>(mode + 1).fill(0);
  let term = Math.exp(logAtMode);
  pmf[mode] = term;
  for (let k = mode; k > 0; k--) {
    term *= k / ((shape + k - 1) * q);
    pmf[k - 1] = term;
  }
  // Upward until a geometric bound on the rest is below `tail`: past the mode the ratio
  // (shape + k) q / (k + 1) of successive terms falls towards q (shape > 1) or rises to it,
  // so the larger of q and the next ratio bounds every later one.
  term = pmf[mode] ?? 0;
  let rest = NaN;
  for (let n = mode + 1; n <= limit; n++) {
    term *= ((shape + n - 1) * q) / n;
    const ratio = Math.max(q, ((shape + n) * q) / (n + 1));
    if (ratio < 1 && term / (1 - ratio) < tail) {
      rest = restFrom(term, n, shape, q);
      break;
    }
    pmf.push(term);
  }
  const n = pmf.length;
  if (!Number.isNaN(rest)) {
    // ln Γ of large arguments leaves P(N = mode) a few 1e-13 off; every term shares that factor,
    // and the terms must sum to 1 for the two halves of the survival function to agree.
    const total = sum(pmf, 0, n) + rest;
    for (let k = 0; k < n; k++) pmf[k] = (pmf[k] ?? 0) / total;
    rest /= total;
  }
  const survival: number[] = new Array<number>(n + 1).fill(0);
  let below = 0;
  for (let k = 0; k <= mode; k++) {
    survival[k] = Math.max(0, 1 - below);
    below += pmf[k] ?? 0;
  }
  // Stopped at maxCount, the mass left is whatever the terms miss.
  let above = Number.isNaN(rest) ? Math.max(0, 1 - below - sum(pmf, mode + 1, n)) : rest;
  survival[n] = above;
  for (let k = n - 1; k > mode; k--) {
    above += pmf[k] ?? 0;
    survival[k] = above;
  }
  return { pmf, survival };
}

/** Σ_{j≥n} P(N = j) from the first of them, term by term until the rest is negligible. */
function restFrom(first: number, n: number, shape: number, q: number): number {
  let rest = 0;
  let term = first;
  for (let j = n; ; j++) {
    rest += term;
    term *= ((shape + j) * q) / (j + 1);
    const ratio = Math.max(q, ((shape + j + 1) * q) / (j + 2));
    if (term / (1 - ratio) < NEGLIGIBLE) return rest + term / (1 - ratio);
  }
}

function sum(values: readonly number[], from: number, to: number): number {
  let total = 0;
  for (let k = from; k < to; k++) total += values[k] ?? 0;
  return total;
}
