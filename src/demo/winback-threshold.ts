import { demoSends } from './campaign-schedule.js';
import type { DemoOrder } from './orders.js';

/** The winback template's "top 30 % by revenue": buyers' revenue deciles 1 to 3. */
const TOP_SHARE = 0.3;

/**
 * Per send (by index), the revenue so far (EUR) that puts a buyer in the top 30 % of buyers at
 * the send, read off a sample of customers' orders; +Infinity when the sample has no buyer then.
 * Only winback sends get a threshold (the others' stay NaN, unread).
 */
export function winbackThresholds(sampleOrders: readonly (readonly DemoOrder[])[]): Float64Array {
  const thresholds = new Float64Array(demoSends.length).fill(Number.NaN);
  for (const send of demoSends) {
    if (send.kind !== 'WINBACK') continue;
    const revenues: number[] = [];
    for (const orders of sampleOrders) {
      let revenue = 0;
      for (const order of orders) {
        if (order.at < send.at && order.outcome === 'success') revenue += order.eur;
      }
      if (revenue > 0) revenues.push(revenue);
    }
    revenues.sort((a, b) => a - b);
    const cut = revenues[Math.floor((1 - TOP_SHARE) * revenues.length)];
    thresholds[send.index] = cut ?? Number.POSITIVE_INFINITY;
  }
  return thresholds;
}
