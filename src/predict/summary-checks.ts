import { ModelDataError } from './fit.js';
import type { PurchaseSummary } from './summary.js';
import { summaryCustomers } from './summary.js';

/** Customers above this many repeat purchases usually mean a wrong time unit or duplicate orders. */
const SUSPICIOUS_FREQUENCY = 1000;

/**
 * Refuses summaries a purchase model cannot learn from and names the first bad row; returns
 * warnings for data it can fit but should not be trusted blindly.
 */
export function checkPurchaseSummary(model: string, summary: PurchaseSummary): string[] {
  const { frequency, recency, age, weight } = summary;
  const rows = weight.length;
  if (rows === 0) throw new ModelDataError(`${model}: no customers to fit`);
  let repeaters = 0;
  let maxFrequency = 0;
  for (let i = 0; i < rows; i++) {
    const x = frequency[i] ?? NaN;
    const tx = recency[i] ?? NaN;
    const T = age[i] ?? NaN;
    const w = weight[i] ?? NaN;
    if (!(Number.isInteger(x) && x >= 0) || !(tx >= 0) || !(T >= 0) || !(w > 0) || tx > T) {
      throw new ModelDataError(
        `${model}: row ${i + 1} is not a valid summary (frequency ${x}, recency ${tx}, T ${T}, weight ${w}): frequency must be a whole number ≥ 0, 0 ≤ recency ≤ T, T ≥ 0`,
      );
    }
    if (x === 0 && tx !== 0) {
      throw new ModelDataError(`${model}: row ${i + 1} has no repeat purchase but recency ${tx}`);
    }
    if (x > 0) repeaters += w;
    maxFrequency = Math.max(maxFrequency, x);
  }
  const customers = summaryCustomers(summary);
  if (customers < 2) throw new ModelDataError(`${model}: one customer cannot identify the model`);
  if (repeaters === 0) {
    throw new ModelDataError(
      `${model}: nobody made a repeat purchase, so the data cannot tell how often customers buy or when they stop`,
    );
  }
  const warnings: string[] = [];
  if (customers < 100) {
    warnings.push(`only ${customers} customers: the estimates are rough`);
  }
  if (repeaters < 20) {
    warnings.push(`only ${repeaters} customers made a repeat purchase: the estimates are rough`);
  }
  if (maxFrequency > SUSPICIOUS_FREQUENCY) {
    warnings.push(
      `a customer has ${maxFrequency} repeat purchases: check the time unit and duplicate orders`,
    );
  }
  return warnings;
}
