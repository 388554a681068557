import type { DerivedTable } from '../derived-table.js';
import { TABLE } from '../table-names.js';

/**
 * Orders, as the glossary defines them: the purchase events of one order id (or one event when
 * it has none). Its time and customer are its earliest event's; its status is its latest
 * event's, whenever that happened; its amount is the latest that carries one. Ties at the same
 * instant go to the event imported later.
 */
export const orders: DerivedTable = {
  name: TABLE.orders,
  description:
    'one row per order: order_key, customer_id, ts (UTC), ts_local (project zone), day (local), status, outcome (success, canceled, returned, other), amount in the base currency (decimal, 9 places), events',
  dependsOn: [],
  sql: (d) => `
    WITH purchase_events AS (
      SELECT coalesce(order_id, 'event:' || event_id) AS order_key,
             customer_id, ts, amount, status,
             CASE
               WHEN status IS NULL THEN $statusWhenMissing
               WHEN ${d.listContains('$successValues', 'status')} THEN 'success'
               WHEN ${d.listContains('$canceledValues', 'status')} THEN 'canceled'
               WHEN ${d.listContains('$returnedValues', 'status')} THEN 'returned'
               ELSE 'other'
             END AS outcome,
             ${d.eventOrder('ts', 'import_id', 'source_line')} AS seq
      FROM events
      WHERE kind = 'purchase'
    ),
    -- Most orders have one event: they skip the aggregation, which only orders with several
    -- events (a later cancel or return, an amount sent separately) need.
    multi AS (SELECT order_key FROM purchase_events GROUP BY order_key HAVING count(*) > 1),
    grouped AS (
      SELECT order_key, customer_id, ts, status AS last_status, outcome,
             status IS NULL AS status_missing, amount, 1 AS events
      FROM purchase_events ANTI JOIN multi USING (order_key)
      UNION ALL
      SELECT order_key,
             ${d.argMin('customer_id', 'seq')} AS customer_id,
             min(ts) AS ts,
             ${d.argMax('status', 'seq')} FILTER (WHERE status IS NOT NULL) AS last_status,
             ${d.argMax('outcome', 'seq')} AS outcome,
             ${d.argMax('status IS NULL', 'seq')} AS status_missing,
             ${d.argMax('amount', 'seq')} FILTER (WHERE amount IS NOT NULL) AS amount,
             count(*) AS events
      FROM purchase_events SEMI JOIN multi USING (order_key)
      GROUP BY order_key
    )
    SELECT order_key, customer_id, ts,
           ${d.localTime('ts', '$timezone')} AS ts_local,
           ${d.dayOf(d.localTime('ts', '$timezone'))} AS day,
           CASE WHEN status_missing THEN NULL ELSE last_status END AS status,
           outcome,
           -- Sums of doubles depend on the order the engine adds them in, which varies between
           -- runs; decimals add exactly, so every figure built on orders is the same each time.
           CAST(amount AS DECIMAL(38, 9)) AS amount,
           events
    FROM grouped`,
  // An order's row comes from its own purchase events alone.
  incremental: {
    key: 'order_key',
    changed: `SELECT DISTINCT coalesce(order_id, 'event:' || event_id) AS order_key
               FROM events WHERE kind = 'purchase' AND import_id > $since`,
    inputs: (changedKeys, generation) => `
      events AS (
        SELECT * FROM ${generation}.events
        WHERE kind = 'purchase'
          AND coalesce(order_id, 'event:' || event_id) IN (SELECT order_key FROM ${changedKeys})
      )`,
  },
  params: (config) => ({
    timezone: config.timezone,
    statusWhenMissing: config.purchase.statusWhenMissing,
    successValues: config.purchase.successValues,
    canceledValues: config.purchase.canceledValues,
    returnedValues: config.purchase.returnedValues,
  }),
};
