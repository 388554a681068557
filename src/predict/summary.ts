/**
 * Customers' purchase histories reduced to what the purchase models read, in the model's time
 * unit. Identical (frequency, recency, T) rows are one row with a weight, so fitting costs
 * grow with distinct histories, not with customers.
 */
export interface PurchaseSummary {
  /** x: repeat purchases (purchase days after the first). */
  frequency: Float64Array;
  /** t_x: time from the first to the last purchase; 0 when x = 0. */
  recency: Float64Array;
  /** T: time from the first purchase to the end of observation. */
  age: Float64Array;
  /** How many customers share the row. */
  weight: Float64Array;
}

/** Repeat buyers' spend: x > 0 repeat purchases with mean value m̄ each (weights as above). */
export interface SpendSummary {
  frequency: Float64Array;
  monetary: Float64Array;
  weight: Float64Array;
}

/** Number of rows of a summary. */
export function summaryRows(summary: { weight: Float64Array }): number {
  return summary.weight.length;
}

/** Number of customers a summary describes (the sum of its weights). */
export function summaryCustomers(summary: { weight: Float64Array }): number {
  let total = 0;
  for (const weight of summary.weight) total += weight;
  return total;
}

/** A summary from plain rows, each with weight 1 unless given: handy for tests and small data. */
export function purchaseSummary(
  rows: readonly { frequency: number; recency: number; age: number; weight?: number }[],
): PurchaseSummary {
  return {
    frequency: Float64Array.from(rows, (row) => row.frequency),
    recency: Float64Array.from(rows, (row) => row.recency),
    age: Float64Array.from(rows, (row) => row.age),
    weight: Float64Array.from(rows, (row) => row.weight ?? 1),
  };
}
