import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import type { DropoutPosterior } from './dropout-counts.js';
import { nbdCounts } from './nbd-counts.js';
import { allPositiveFinite } from './parameters.js';

// The closed form is 1 minus a hypergeometric term, scaled by (a + b − 1)/(a − 1): its
// relative error is the hypergeometric function's (up to ~1e-14 here) times this condition
// number. Checked against the series over r, α, a, b, x, T and t spanning 1e-2 … 1e6: below
// this bound and for z ≤ 0.9 (where stdlib sums the plain series) it agrees to 3e-12.
const CONDITION_LIMIT = 100;
const SERIES_LIMIT = 0.9;
// Past this, P(N = 0) underflows and the terms are built from the mode instead.
const UNDERFLOW = -600;
// Enough terms for any horizon a forecast uses; a longer sum is cut, not wrong by more than
// the mass it leaves out, itself tiny for any fitted model.
const MAX_TERMS = 1_000_000;

/**
 * E[K] for the count K of dropout-counts.ts: the expected purchases in the next t of a
 * customer alive now under BG/NBD or MBG/NBD. With p ~ Beta(a, b) and λ ~ Gamma(shape, rate),
 * E[K] = E[(1 − e^(−λpt))/p] = (a + b − 1)/(a − 1) · [1 − ((rate)/(rate + t))^shape
 * · 2F1(shape, b; a + b − 1; z)], z = t/(rate + t) (Fader, Hardie & Lee 2005, eq. 10 over its
 * P(alive)). That closed form is used where it is accurate; near a = 1 (0/0), for large a and
 * b (Γ and 2F1 overflow), and as z nears 1 the exact series of positive terms is used instead.
 */
export function dropoutCountMean(posterior: DropoutPosterior, t: number): number {
  const { shape, rate, a, b } = posterior;
  if (!allPositiveFinite([shape, rate, a, b]) || !Number.isFinite(t)) return NaN;
  if (!(t > 0)) return 0;
  if (t / (posterior.rate + t) <= SERIES_LIMIT) {
    const closed = closedForm(posterior, t);
    if (closed > 0 && (a + b - 1) / (Math.abs(a - 1) * closed) < CONDITION_LIMIT) return closed;
  }
  return seriesMean(posterior, t);
}

function closedForm({ shape, rate, a, b }: DropoutPosterior, t: number): number {
  const z = t / (rate + t);
  // Euler's transformation of the paper's 2F1(shape, b; a+b−1; z) times (1−z)^shape:
  // (1−z)^(a−1) · 2F1(a+b−1−shape, a−1; a+b−1; z), which does not overflow for frequent
  // buyers (a large shape) and keeps its accuracy as z grows.
  const bracket = 1 - Math.pow(1 - z, a - 1) * hyp2f1(a + b - 1 - shape, a - 1, a + b - 1, z);
  return ((a + b - 1) / (a - 1)) * bracket;
}

/**
 * E[K] = Σ_j P(N = j) E[min(j, G)], where E[min(j, G)] = Σ_{i<j} P(G > i): positive terms,
 * exact for any a and b. One step per possible count, so it costs more than the closed form
 * when many counts are likely (a long horizon for a frequent buyer).
 */
function seriesMean({ shape, rate, a, b }: DropoutPosterior, t: number): number {
  const q = t / (rate + t);
  const logNone = -shape * Math.log1p(t / rate);
  if (logNone < UNDERFLOW) return tableMean({ shape, rate, a, b }, t);
  let probability = Math.exp(logNone);
  let capped = 0; // E[min(j, G)]
  let stay = 1; // P(G > j)
  let total = 0;
  for (let j = 1; j <= MAX_TERMS; j++) {
    probability *= ((shape + j - 1) * q) / j;
    capped += stay;
    stay *= (b + j - 1) / (a + b + j - 1);
    total += probability * capped;
    // Past the mode the terms' ratios stay below max(q, the next ratio) < 1; E[min(i, G)]
    // grows by at most one per step, so the rest is below P(N = j) (E[min(j, G)] + 1/(1 − ρ))
    // / (1 − ρ).
    const ratio = Math.max(q, ((shape + j) * q) / (j + 1));
    if (ratio < 1) {
      const rest = (probability * (capped + 1 / (1 - ratio))) / (1 - ratio);
      if (rest < 1e-16 * total) break;
    }
  }
  return total;
}

/** The same sum over a table built from the mode, for histories so long that P(N = 0) underflows. */
function tableMean({ shape, rate, a, b }: DropoutPosterior, t: number): number {
  const { survival } = nbdCounts(shape, rate, t, 1e-17, MAX_TERMS);
  let total = 0;
  let stayed = 1; // P(G ≥ k) = P(G > k − 1)
  for (let k = 1; k < survival.length; k++) {
    total += stayed * (survival[k] ?? 0);
    stayed *= (b + k - 1) / (a + b + k - 1);
  }
  return total;
}
