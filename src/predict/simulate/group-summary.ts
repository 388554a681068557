import type { PurchaseSummary, SpendSummary } from '../summary.js';
import type { SimulatedCustomers } from './simulated-customers.js';

/** The purchase summary the models fit: one weighted row per distinct (x, t_x, T). */
export function groupPurchaseSummary(customers: SimulatedCustomers): PurchaseSummary {
  const { frequency, recency, age } = customers;
  const rows = new Map<string, number>();
  const rowOf = new Int32Array(frequency.length);
  for (let i = 0; i < frequency.length; i++) {
    const key = `${frequency[i]} ${recency[i]} ${age[i]}`;
    let row = rows.get(key);
    if (row === undefined) {
      row = rows.size;
      rows.set(key, row);
    }
    rowOf[i] = row;
  }
  const summary: PurchaseSummary = {
    frequency: new Float64Array(rows.size),
    recency: new Float64Array(rows.size),
    age: new Float64Array(rows.size),
    weight: new Float64Array(rows.size),
  };
  for (let i = 0; i < frequency.length; i++) {
    const row = rowOf[i] ?? 0;
    summary.frequency[row] = frequency[i] ?? NaN;
    summary.recency[row] = recency[i] ?? NaN;
    summary.age[row] = age[i] ?? NaN;
    summary.weight[row] = (summary.weight[row] ?? 0) + 1;
  }
  return summary;
}

/** The Gamma-Gamma input: every customer with x > 0, weight 1, once spend is simulated. */
export function spendSummary(customers: SimulatedCustomers): SpendSummary {
  const { frequency, monetary } = customers;
  const buyers: number[] = [];
  for (let i = 0; i < frequency.length; i++) {
    if ((frequency[i] ?? 0) === 0) continue;
    if (Number.isNaN(monetary[i])) {
      throw new RangeError(`customer ${i} has repeat purchases but no spend: simulate spend first`);
    }
    buyers.push(i);
  }
  return {
    frequency: Float64Array.from(buyers, (i) => frequency[i] ?? NaN),
    monetary: Float64Array.from(buyers, (i) => monetary[i] ?? NaN),
    weight: new Float64Array(buyers.length).fill(1),
  };
}
