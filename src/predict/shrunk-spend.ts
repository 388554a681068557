import type { SpendSummary } from './summary.js';

/**
 * The spend estimate used when Gamma-Gamma is degenerate: each customer's mean repeat spend
 * shrunk toward the median of all repeat buyers' means, as if they had made one more purchase
 * at the median, (x·m̄ + median) / (x + 1); customers without a repeat purchase get the median.
 * The median keeps outliers from moving anyone else's estimate.
 */
export function shrunkSpend(median: number, x: number, monetary: number): number {
  if (x === 0) return median;
  return (x * monetary + median) / (x + 1);
}

/** The customer-weighted median of the repeat buyers' mean spend (the lower one of two middles). */
export function medianSpend(spend: SpendSummary): number {
  const order = Array.from(spend.monetary.keys()).sort(
    (i, j) => (spend.monetary[i] ?? 0) - (spend.monetary[j] ?? 0),
  );
  let total = 0;
  for (const w of spend.weight) total += w;
  let seen = 0;
  for (const i of order) {
    seen += spend.weight[i] ?? 0;
    if (seen >= total / 2) return spend.monetary[i] ?? NaN;
  }
  return NaN;
}
