import type { Warehouse } from './warehouse.js';

/** Headline counts of the raw tables: what the store holds, before any derived table. */
export interface StoreOverview {
  customers: number;
  events: number;
  eventsByKind: Record<string, number>;
  orders: number;
  revenue: number;
  firstEvent: string | null;
  lastEvent: string | null;
}

/**
 * Counts straight from the raw tables. `orders` and `revenue` here count every purchase
 * event's order and amount as imported, before statuses are applied: the metrics layer is
 * where successful orders are decided.
 */
export async function storeOverview(warehouse: Warehouse): Promise<StoreOverview> {
  const [totals] = await warehouse.query<{
    customers: number;
    events: number;
    orders: number;
    revenue: number | null;
    first_event: string | null;
    last_event: string | null;
  }>(`
    SELECT
      (SELECT count(*) FROM (SELECT customer_id FROM customers UNION SELECT customer_id FROM events))
        AS customers,
      count(*) AS events,
      count(DISTINCT CASE WHEN kind = 'purchase' THEN coalesce(order_id, event_id) END) AS orders,
      sum(amount) AS revenue,
      strftime(min(ts), '%Y-%m-%dT%H:%M:%SZ') AS first_event,
      strftime(max(ts), '%Y-%m-%dT%H:%M:%SZ') AS last_event
    FROM events`);
  const kinds = await warehouse.query<{ kind: string; n: number }>(
    'SELECT kind, count(*) AS n FROM events GROUP BY kind ORDER BY kind',
  );
  return {
    customers: totals?.customers ?? 0,
    events: totals?.events ?? 0,
    eventsByKind: Object.fromEntries(kinds.map((row) => [row.kind, row.n])),
    orders: totals?.orders ?? 0,
    revenue: Math.round((totals?.revenue ?? 0) * 100) / 100,
    firstEvent: totals?.first_event ?? null,
    lastEvent: totals?.last_event ?? null,
  };
}
