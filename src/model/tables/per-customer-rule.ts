import type { IncrementalRule } from '../derived-table.js';

/**
 * The incremental rule of a table made per customer from the orders alone: the customers to
 * rebuild are every customer with a purchase event of an order that events imported after
 * `$since` touch. An order's customer is its earliest event's, which a late event can change:
 * the customer it had and the one it has both have events of it.
 */
export const perCustomerOverOrders: IncrementalRule = {
  key: 'customer_id',
  changed: `
    SELECT DISTINCT customer_id FROM events
    WHERE kind = 'purchase' AND coalesce(order_id, 'event:' || event_id) IN (
      SELECT coalesce(order_id, 'event:' || event_id) FROM events
      WHERE kind = 'purchase' AND import_id > $since)`,
  inputs: (changedKeys, generation) => `
    orders AS (
      SELECT * FROM ${generation}.orders
      WHERE customer_id IN (SELECT customer_id FROM ${changedKeys})
    )`,
};
