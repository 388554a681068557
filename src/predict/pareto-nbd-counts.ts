import { gaussLegendre } from './gauss-legendre.js';
import { nbdCounts } from './nbd-counts.js';
import { allPositiveFinite } from './parameters.js';

/** Pareto/NBD given alive at T: λ ~ Gamma(shape, rate), μ ~ Gamma(s, beta), independent. */
export interface ParetoPosterior {
  shape: number;
  rate: number;
  s: number;
  beta: number;
}

const RULE = gaussLegendre(16);
// Panel widths in y (below): 9 standard deviations of the narrowest likely NBD term there, or
// 4 times the scale on which the death density changes. 16 nodes a panel then keep every
// probability within ~3e-12 of a rule with 40 times the panels (checked over r, α, s, β from
// 0.1 to 1e8, x to 5,000 and t to 520 weeks; the tests check it against lifetimes and mpmath).
const NBD_WIDTH = 9;
const DEATH_WIDTH = 4;
const MAX_PANELS = 400;
// A node's contributions below this are left out.
const NEGLIGIBLE = 1e-19;

/**
 * P(K = k) for the purchases K in the next t of a customer alive now under Pareto/NBD: k = 0 …
 * m, the last entry P(K ≥ m), m the first k with P(K > k) < tail (or maxCount); a single NaN
 * when a parameter or t is not a finite number (or a parameter not positive).
 *
 * The customer buys until the remaining lifetime τ ends, so K = N(min(τ, t)) with N the
 * purchase process. λ integrates out in closed form: given τ, K is NBD with shape and rate and
 * exposure u = min(τ, t). τ integrates out numerically: mixed over μ it is Pareto II,
 * P(τ > u) = (β/(β + u))^s, so
 *   P(K = k) = P(τ > t) NBD(k; t) + ∫₀ᵗ NBD(k; u) f_τ(u) du.
 * (Fader & Hardie's note 028 writes this integral with 2F1 terms that differ per (i, k), an
 * O(k²) sum of cancelling terms; the quadrature costs O(k) per node and cannot cancel.)
 * In v = u/(rate + u), NBD(k; u) = Γ(shape+k)/(Γ(shape) k!) (1−v)^shape v^k, a beta-shaped
 * bump, and in y = arcsin √v every such bump has the same width, 1/(2√(shape + k)); composite
 * Gauss–Legendre over y with panels narrower than the narrowest bump integrates all k at
 * once. The node weights are scaled to sum to P(τ ≤ t) exactly, so the pmf sums to 1.
 */
export function paretoCountPmf(
  posterior: ParetoPosterior,
  t: number,
  tail: number,
  maxCount: number,
): Float64Array {
  const { shape, rate, s, beta } = posterior;
  if (!allPositiveFinite([shape, rate, s, beta]) || !Number.isFinite(t))
    return Float64Array.of(NaN);
  if (!(t > 0)) return Float64Array.of(1);
  // The table ends where the alive customer's tail is negligible next to `tail`, so that the
  // mass past it (at most that, for the counts of one who dies sooner) cannot move the cut.
  const alive = nbdCounts(shape, rate, t, tail * 1e-3, maxCount);
  const n = alive.pmf.length;
  const deaths = deathNodes(posterior, t, n);
  const counts = alive.pmf.map((value) => deaths.stillAlive * value);
  // Ratios of successive NBD terms, (shape + k − 1)/k · v, share their first factor over the
  // nodes; ln Γ(shape + k) − ln Γ(shape) − ln k!, needed at each node's mode, is their running
  // sum of logs up to the largest mode (the one at v = q).
  const ratios: number[] = new Array<number>(n).fill(0);
  const inverses: number[] = new Array<number>(n).fill(0);
  for (let k = 1; k < n; k++) {
    ratios[k] = (shape + k - 1) / k;
    inverses[k] = k / (shape + k - 1);
  }
  const topMode = Math.min(n - 1, Math.max(0, Math.floor((shape - 1) * (t / rate))));
  const logCoefficients: number[] = new Array<number>(topMode + 1).fill(0);
  for (let k = 1; k <= topMode; k++) {
    logCoefficients[k] = (logCoefficients[k - 1] ?? 0) + Math.log(ratios[k] ?? 1);
  }
  const table = { counts, shape, ratios, inverses, logCoefficients };
  deaths.v.forEach((v, j) => addNbd(table, v, deaths.logStay[j] ?? 0, deaths.weight[j] ?? 0));
  return truncate(counts, tail);
}

/** Quadrature nodes for the death time in (0, t), in v = u/(rate + u). */
interface DeathNodes {
  /** P(τ > t): the weight of the customer who stays the whole horizon. */
  stillAlive: number;
  v: number[];
  /** ln(1 − v) at each node. */
  logStay: number[];
  /** Weights that sum to P(τ ≤ t). */
  weight: number[];
}

function deathNodes({ shape, rate, s, beta }: ParetoPosterior, t: number, n: number): DeathNodes {
  // The survival of τ in v: β/(β + u) = (1 − v)/(1 − v + cv) = 1 − cv/(1 − v + cv), with
  // c = rate/beta; in this form a large s (a lifetime rate known closely) loses no digits.
  const c = rate / beta;
  const died = (v: number, stay: number): number => (c * v) / (stay + c * v);
  const q = t / (rate + t);
  const stillAlive = Math.exp(s * Math.log1p(-died(q, rate / (rate + t))));
  // Past the v where P(τ > u) < e^−45 no death is left to integrate: a customer sure to leave
  // soon (a large s / beta) has all the death density in a sliver near 0.
  const gone = -Math.expm1(-45 / s);
  const top = Math.asin(Math.sqrt(Math.min(q, gone / (c * (1 - gone) + gone))));
  // The narrowest bump that carries probability is that of the largest likely count (the
  // alive customer's mean plus a few standard deviations, at most the table's end); the bumps
  // of the rarer counts past it are resolved less finely, far below their own probabilities.
  const mean = (shape * t) / rate;
  const likely = Math.min(n, mean + 6 * Math.sqrt(mean * (1 + t / rate)) + 1);
  // The death density ∝ (1 − v)^(s−1) (1 − v + cv)^−(s+1) changes on the scale 1/(sc) in v
  // for a large s and 1/c for a large c (α ≫ β), near v = 0, where y is √v.
  const deathScale = Math.sqrt(1 / (Math.max(1, s) * Math.max(1, c)));
  const width = Math.min(NBD_WIDTH / (2 * Math.sqrt(shape + likely)), DEATH_WIDTH * deathScale);
  const panels = Math.min(MAX_PANELS, Math.max(1, Math.ceil(top / width)));
  const half = top / panels / 2;
  // Plain arrays: a Float64Array costs several times as much to allocate, once per (x, T).
  const nodes: DeathNodes = { stillAlive, v: [], logStay: [], weight: [] };
  let dead = 0;
  for (let panel = 0; panel < panels; panel++) {
    const middle = (2 * panel + 1) * half;
    for (let i = 0; i < RULE.nodes.length; i++) {
      const y = middle + half * (RULE.nodes[i] ?? 0);
      const sine = Math.sin(y);
      const cosine = Math.cos(y);
      const v = sine * sine;
      const stay = cosine * cosine;
      // f_τ in v is −dS/dv = s c S(v) / ((1 − v)(1 − v + cv)); dv/dy = sin 2y.
      const survival = Math.exp(s * Math.log1p(-died(v, stay)));
      const density = (s * c * survival) / (stay * (stay + c * v));
      const weight = (RULE.weights[i] ?? 0) * half * density * 2 * sine * cosine;
      nodes.v.push(v);
      nodes.logStay.push(2 * Math.log(cosine));
      nodes.weight.push(weight);
      dead += weight;
    }
  }
  const scale = dead > 0 ? (1 - stillAlive) / dead : 0;
  nodes.weight = nodes.weight.map((weight) => weight * scale);
  return nodes;
}

interface NbdTable {
  counts: number[];
  shape: number;
  /** (shape + k − 1)/k: P(N = k)/P(N = k − 1) is this times v. */
  ratios: readonly number[];
  /** Their reciprocals, for the way down from the mode. */
  inverses: readonly number[];
  /** ln of Γ(shape + k)/(Γ(shape) k!), up to the largest mode. */
  logCoefficients: readonly number[];
}

/**
 * counts[k] += weight · NBD(k) for k < counts.length, the NBD with terms
 * Γ(shape + k)/(Γ(shape) k!) (1 − v)^shape v^k, built outward from its mode.
 */
function addNbd(table: NbdTable, v: number, logStay: number, weight: number): void {
  if (!(weight > 0)) return;
  const { counts, shape, ratios, inverses, logCoefficients } = table;
  const n = counts.length;
  const mode = Math.min(
    logCoefficients.length - 1,
    Math.max(0, Math.floor(((shape - 1) * v) / (1 - v))),
  );
  const atMode = Math.exp(
    (logCoefficients[mode] ?? 0) + shape * logStay + (mode > 0 ? mode * Math.log(v) : 0),
  );
  // Contributions below this are beneath the last digit of any probability that matters.
  const negligible = NEGLIGIBLE / weight;
  const down = 1 / v;
  counts[mode] = (counts[mode] ?? 0) + weight * atMode;
  let term = atMode;
  for (let k = mode; k > 0 && term > negligible; k--) {
    term *= (inverses[k] ?? 1) * down;
    counts[k - 1] = (counts[k - 1] ?? 0) + weight * term;
  }
  term = atMode;
  for (let k = mode + 1; k < n && term > negligible; k++) {
    term *= (ratios[k] ?? 0) * v;
    counts[k] = (counts[k] ?? 0) + weight * term;
  }
}

/**
 * Cuts the pmf at the first k with P(K > k) < tail, the last entry then P(K ≥ k) so that the
 * entries sum to 1. What the table misses (P(K ≥ its length) < tail) is left out of the test:
 * 1 minus the sum would bring in the rounding of every node's share.
 */
function truncate(counts: readonly number[], tail: number): Float64Array {
  let after = 0;
  let cut = counts.length - 1;
  for (let k = counts.length - 1; k > 0; k--) {
    after += counts[k] ?? 0;
    if (after >= tail) break;
    cut = k - 1;
  }
  const pmf = new Float64Array(cut + 1);
  let below = 0;
  for (let k = 0; k < cut; k++) {
    pmf[k] = counts[k] ?? 0;
    below += pmf[k] ?? 0;
  }
  pmf[cut] = Math.max(0, 1 - below);
  return pmf;
}
