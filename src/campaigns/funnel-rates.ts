import type { Attributed, FunnelCounts, FunnelRates } from './campaign-types.js';

const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

/**
 * The funnel's rates from its counts of customers: delivery = delivered / sent; open, click and
 * unsubscribe rates over the delivered (over the sent when nothing reports a delivery);
 * click-to-open = clicked / opened. A rate whose denominator is 0 is null.
 */
export function funnelRates(counts: FunnelCounts): FunnelRates {
  const reached = counts.delivered > 0 ? counts.delivered : counts.sent;
  return {
    deliveryRate: ratio(counts.delivered, counts.sent),
    openRate: ratio(counts.opened, reached),
    clickRate: ratio(counts.clicked, reached),
    clickToOpenRate: ratio(counts.clicked, counts.opened),
    unsubscribeRate: ratio(counts.unsubscribed, reached),
  };
}

/** Attributed orders and revenue, and revenue per recipient (null without recipients). */
export function attributed(orders: number, revenue: number, recipients: number): Attributed {
  return {
    attributedOrders: orders,
    attributedRevenue: revenue,
    revenuePerRecipient: ratio(revenue, recipients),
  };
}
