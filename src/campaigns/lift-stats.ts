import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { Difference } from './campaign-types.js';

/** The standard normal's 97.5 % quantile: two-sided 95 % intervals. */
export const Z_95 = 1.959964;

/** Wilson's score interval for x successes in n trials (no continuity correction). */
export function wilsonInterval(x: number, n: number, z = Z_95): { low: number; high: number } {
  if (!(n > 0) || x < 0 || x > n) throw new RangeError(`no Wilson interval for ${x} of ${n}`);
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((x * (n - x)) / n + z2 / 4);
  // Clamped: at x = 0 or x = n rounding can leave the bound a hair outside [0, 1].
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The difference of two independent proportions x1/n1 − x2/n2 with Newcombe's hybrid score
 * interval (Newcombe 1998, "Interval estimation for the difference between independent
 * proportions", method 10): with (l_i, u_i) the Wilson interval of p_i,
 * low = D − √((p1 − l1)² + (u2 − p2)²) and high = D + √((u1 − p1)² + (p2 − l2)²).
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number): Difference {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const a = wilsonInterval(x1, n1);
  const b = wilsonInterval(x2, n2);
  const value = p1 - p2;
  const low = value - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2);
  const high = value + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2);
  return { value, low, high, method: 'newcombe', significant: low > 0 || high < 0 };
}

/** A group's size, mean and sample variance (n − 1 in the denominator). */
export interface GroupMoments {
  n: number;
  mean: number;
  variance: number;
}

/**
 * The difference of two means with Welch's t interval: se = √(s1²/n1 + s2²/n2), degrees of
 * freedom by Welch–Satterthwaite, df = se⁴ / ((s1²/n1)²/(n1−1) + (s2²/n2)²/(n2−1)). Each group
 * needs two values at least. When neither group varies (se = 0) the interval is the point.
 */
export function welchDifference(treated: GroupMoments, control: GroupMoments): Difference {
  if (treated.n < 2 || control.n < 2) {
    throw new RangeError('Welch needs two values in each group at least');
  }
  const value = treated.mean - control.mean;
  const v1 = Math.max(0, treated.variance) / treated.n;
  const v2 = Math.max(0, control.variance) / control.n;
  const se = Math.sqrt(v1 + v2);
  if (se === 0) {
    return { value, low: value, high: value, method: 'welch', significant: value !== 0 };
  }
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (treated.n - 1) + v2 ** 2 / (control.n - 1));
  const t = tQuantile(0.975, df);
  const low = value - t * se;
  const high = value + t * se;
  return { value, low, high, method: 'welch', significant: low > 0 || high < 0 };
}
