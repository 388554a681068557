import betainc from '@stdlib/math-base-special-betainc';

/**
 * How the value of a customer's future purchases is known, for the predictive interval:
 * - `gammagamma`: each purchase is Gamma(p, ν) with ν | history ~ Gamma(q + p·x, γ + x·m̄), so
 *   k purchases sum to (γ + x·m̄) · Y with Y ~ BetaPrime(k·p, q + p·x) (note 025's model);
 * - `fixed`: each purchase is worth the customer's expected spend (the fallback of a
 *   degenerate Gamma-Gamma, which has no spread of its own), so k purchases are k of them.
 */
export type SpendLaw = { kind: 'gammagamma'; p: number; q: number } | { kind: 'fixed' };

/**
 * The distribution of what a customer alive now spends over the horizon, in the unit the law
 * scales by (γ + x·m̄ for Gamma-Gamma, the expected spend for `fixed`), for one (x, T).
 */
export interface SpendDistribution {
  /** P(nothing spent | alive): no purchase. */
  atZero: number;
  /** The smallest spend s with P(S ≤ s | alive) ≥ v, for v in (atZero, 1). */
  quantile(v: number): number;
}

// The grid of Y over which Gamma-Gamma's mixture CDF is tabulated, in multiples of the mean
// value of one purchase: steps of 5.6 %, so an interpolated quantile is off by a fraction of
// that at worst.
const GRID_POINTS = 256;
const GRID_LOW = 1e-3;
const GRID_HIGH = 1e3;
// A purchase count less likely than this is left out of the mixture: the CDF moves by less than
// the count distribution's own tail cut.
const NEGLIGIBLE_COUNT = 1e-10;
// ln of the ratio between neighbouring grid points.
const GRID_STEP = Math.log(GRID_HIGH / GRID_LOW) / (GRID_POINTS - 1);
// A CDF value this close to 0 or 1 is taken as that bound from there on outward.
const SATURATED = 1e-13;
const GRID = Float64Array.from(
  { length: GRID_POINTS },
  (_, j) => GRID_LOW * Math.pow(GRID_HIGH / GRID_LOW, j / (GRID_POINTS - 1)),
);

/**
 * Builds the distributions of future spend for a law, sharing the per-purchase-count CDFs of
 * Gamma-Gamma between histories with the same x (they depend on x, not on T).
 */
export function spendDistributions(law: SpendLaw): {
  forHistory(x: number, counts: Float64Array): SpendDistribution;
} {
  const byX = new Map<number, BetaPrimeTable>();
  return {
    forHistory(x, counts) {
      const atZero = counts[0] ?? 1;
      if (law.kind === 'fixed') return { atZero, quantile: (v) => countQuantile(counts, v) };
      let table = byX.get(x);
      if (!table) {
        table = new BetaPrimeTable(law.p, law.q + law.p * x);
        byX.set(x, table);
      }
      return mixture(table, counts);
    },
  };
}

/**
 * The quantile at level u (0..1) of what a customer spends, given P(alive): dead customers
 * spend nothing, so u below the mass at zero is 0.
 */
export function spendQuantile(
  distribution: SpendDistribution,
  probabilityAlive: number,
  u: number,
): number {
  if (!(probabilityAlive > 0)) return 0;
  const v = (u - (1 - probabilityAlive)) / probabilityAlive;
  if (v <= distribution.atZero) return 0;
  return distribution.quantile(Math.min(v, 1));
}

/** The smallest k with P(K ≤ k) ≥ v. */
function countQuantile(counts: Float64Array, v: number): number {
  let cumulative = 0;
  for (let k = 0; k < counts.length; k++) {
    cumulative += counts[k] ?? 0;
    if (cumulative >= v * (1 - 1e-12)) return k;
  }
  return counts.length - 1;
}

/**
 * One sum's CDF on the grid: `values` from `from` (inclusive) to `to` (exclusive); 0 below
 * that span and 1 from `to` on.
 */
interface CdfRow {
  values: Float64Array;
  from: number;
  to: number;
}

/** I_{y/(1+y)}(k·p, Q) for k = 1, 2, … on the grid, each row computed when first needed. */
class BetaPrimeTable {
  readonly unit: number;
  private readonly rows = new Map<number, CdfRow>();

  constructor(
    private readonly p: number,
    private readonly shape: number,
  ) {
    // The mean of Y for one purchase, p/(Q − 1): the grid is in multiples of it.
    this.unit = p / (shape - 1);
  }

  /** The CDF of Y for k purchases at every grid point. */
  row(k: number): CdfRow {
    let row = this.rows.get(k);
    if (!row) {
      row = this.compute(k);
      this.rows.set(k, row);
    }
    return row;
  }

  /** The exact CDF of Y for k purchases at y. */
  cdf(k: number, y: number): number {
    return betainc(y / (1 + y), k * this.p, this.shape);
  }

  private compute(k: number): CdfRow {
    const a = k * this.p;
    const b = this.shape;
    const values = new Float64Array(GRID_POINTS);
    // The CDF rises from 0 to 1 along the grid: computed outward from the point nearest the
    // mean, and once it is 0 or 1 to rounding, the rest of that side is too. Far from the mean
    // a continued fraction per point would buy nothing.
    const mean = b > 1 ? a / (b - 1) : Infinity;
    const start = Math.min(
      GRID_POINTS - 1,
      Math.max(0, Math.round(Math.log(mean / this.unit / GRID_LOW) / GRID_STEP)),
    );
    const at = (j: number): number => {
      const y = (GRID[j] ?? 0) * this.unit;
      return betainc(y / (1 + y), a, b);
    };
    let to = start;
    while (to < GRID_POINTS) {
      values[to] = at(to);
      to++;
      if ((values[to - 1] ?? 0) >= 1 - SATURATED) break;
    }
    let from = start;
    while (from > 0) {
      from--;
      values[from] = at(from);
      if ((values[from] ?? 0) <= SATURATED) break;
    }
    return { values, from, to };
  }
}

/** Gamma-Gamma's spend for one (x, T): the counts' mixture of the tabulated CDFs. */
function mixture(table: BetaPrimeTable, counts: Float64Array): SpendDistribution {
  const atZero = counts[0] ?? 1;
  const cdf = new Float64Array(GRID_POINTS).fill(atZero);
  // The weight of the sums whose CDF is 1 from grid point j on, added once per point below.
  const saturatedFrom = new Float64Array(GRID_POINTS + 1);
  for (let k = 1; k < counts.length; k++) {
    const weight = counts[k] ?? 0;
    // Counts this unlikely move no level of the CDF that an interval reads.
    if (!(weight > NEGLIGIBLE_COUNT)) continue;
    const { values, from, to } = table.row(k);
    for (let j = from; j < to; j++) cdf[j] = (cdf[j] ?? 0) + weight * (values[j] ?? 0);
    saturatedFrom[to] = (saturatedFrom[to] ?? 0) + weight;
  }
  let saturated = 0;
  for (let j = 0; j < GRID_POINTS; j++) {
    saturated += saturatedFrom[j] ?? 0;
    cdf[j] = (cdf[j] ?? 0) + saturated;
  }
  const exact = (y: number): number => {
    let total = atZero;
    for (let k = 1; k < counts.length; k++) {
      const weight = counts[k] ?? 0;
      if (weight > 0) total += weight * table.cdf(k, y);
    }
    return total;
  };
  return {
    atZero,
    quantile(v) {
      if (v <= atZero) return 0;
      const last = GRID_POINTS - 1;
      if ((cdf[last] ?? 0) < v) return beyondGrid(exact, v, (GRID[last] ?? 0) * table.unit);
      // The first grid point at or above the level, by bisection (the CDF does not fall).
      let below = -1;
      let j = last;
      while (j - below > 1) {
        const middle = (below + j) >> 1;
        if ((cdf[middle] ?? 0) < v) below = middle;
        else j = middle;
      }
      if (j === 0) return (GRID[0] ?? 0) * table.unit;
      // Linear in ln y between the two grid points around the level.
      const c0 = cdf[j - 1] ?? 0;
      const c1 = cdf[j] ?? 0;
      const l0 = Math.log(GRID[j - 1] ?? 1);
      const l1 = Math.log(GRID[j] ?? 1);
      const at = c1 === c0 ? l1 : l0 + ((v - c0) / (c1 - c0)) * (l1 - l0);
      return Math.exp(at) * table.unit;
    },
  };
}

/** A quantile above the grid (a heavy tail): doubling, then bisection on the exact CDF. */
function beyondGrid(cdf: (y: number) => number, v: number, from: number): number {
  let low = from;
  let high = from * 2;
  for (let i = 0; i < 200 && cdf(high) < v; i++) {
    low = high;
    high *= 2;
  }
  for (let i = 0; i < 60 && high - low > 1e-9 * high; i++) {
    const middle = (low + high) / 2;
    if (cdf(middle) < v) low = middle;
    else high = middle;
  }
  return high;
}
