import { tableExists } from '../model/store-state.js';
import type { CellValue, Warehouse } from '../store/warehouse.js';
import { TABLE } from '../model/table-names.js';
import type { SqlDialect } from '../store/sql-dialect.js';

/** A customer's attributes as imported (the customers file); empty when there are none. */
export type Attributes = Record<string, CellValue>;

/** One customer in a list: who they are, what they have bought, and what they may buy. */
export interface CustomerItem {
  customerId: string;
  attributes: Attributes;
  /** Local day of the first successful order; null for a customer who never bought. */
  firstOrder: string | null;
  lastOrder: string | null;
  /** Successful orders. */
  orders: number;
  /** Lifetime revenue of the successful orders, in the base currency. */
  historicClv: number;
  predictedClv: number | null;
  pAlive: number | null;
  /** Why a prediction is null or rests on a fallback; null when the models were ok. */
  predictionReason: string | null;
}

// A type, not an interface, so that a query can return it as a row.
export type CustomerItemRow = {
  customer_id: string;
  attributes: string;
  first_order: string | null;
  last_order: string | null;
  orders: number;
  historic_clv: number;
  predicted_clv: number | null;
  p_alive: number | null;
  churn_risk: number | null;
  prediction_reason: string | null;
};

// Stands in for customer_predictions in stores refreshed before predictions existed, so every
// query has one shape whether or not the table is there.
const NO_PREDICTIONS = `(
  SELECT NULL::VARCHAR AS customer_id, NULL::DOUBLE AS p_alive, NULL::DOUBLE AS churn_risk,
         NULL::DOUBLE AS expected_purchases, NULL::DOUBLE AS expected_spend,
         NULL::DOUBLE AS predicted_clv, NULL::DOUBLE AS predicted_clv_low,
         NULL::DOUBLE AS predicted_clv_high, NULL::DOUBLE AS spend_low,
         NULL::DOUBLE AS spend_high, NULL::DATE AS next_purchase_date,
         NULL::VARCHAR AS status, NULL::VARCHAR AS reason
  LIMIT 0)`;

// Stores refreshed before predictions had a status: the same rows, read as ok.
const WITHOUT_STATUS = `(
  SELECT *, NULL::DOUBLE AS spend_low, NULL::DOUBLE AS spend_high, 'ok' AS status,
         NULL::VARCHAR AS reason
  FROM customer_predictions)`;

/**
 * The relation to read predictions from: the table, or one of the same columns for a store
 * whose last refresh predates them.
 */
export async function predictionsRelation(warehouse: Warehouse): Promise<string> {
  if (!(await tableExists(warehouse, TABLE.customerPredictions))) return NO_PREDICTIONS;
  const [status] = await warehouse.query(
    `SELECT 1 FROM information_schema.columns
     WHERE table_name = $table AND column_name = 'status'`,
    { table: TABLE.customerPredictions },
  );
  return status ? TABLE.customerPredictions : WITHOUT_STATUS;
}

/** The columns of `CustomerItemRow` from `k` (ids), `c` (customers), `s` (summary), `p`. */
const ITEM_COLUMNS = `
    k.customer_id, coalesce(c.attributes, '{}')::VARCHAR AS attributes,
    s.first_day AS first_order, s.last_day AS last_order,
    coalesce(s.orders, 0) AS orders, coalesce(s.revenue, 0)::DOUBLE AS historic_clv,
    p.predicted_clv, p.p_alive, p.churn_risk, p.reason AS prediction_reason`;

/** Every known customer with the columns of `CustomerItemRow`, reading `predictions`. */
export function customerItemsSql(predictions: string): string {
  return `
    SELECT ${ITEM_COLUMNS}
    FROM known_customers k
    LEFT JOIN customers c USING (customer_id)
    LEFT JOIN customer_summary s USING (customer_id)
    LEFT JOIN ${predictions} p USING (customer_id)`;
}

/**
 * The same for the customers of the list `$ids` only. Each table is filtered by the list before
 * the joins: joined whole, the three tables of a million rows each cost 320-620 ms for a page of
 * 20 customers, against 60-80 ms filtered.
 */
export function customerItemsOfIdsSql(predictions: string, d: SqlDialect): string {
  const listed = (relation: string): string =>
    `(SELECT * FROM ${relation} WHERE ${d.listContains('$ids::VARCHAR[]', 'customer_id')})`;
  return `
    SELECT ${ITEM_COLUMNS}
    FROM (SELECT unnest($ids::VARCHAR[]) AS customer_id) k
    LEFT JOIN ${listed('customers')} c USING (customer_id)
    LEFT JOIN ${listed('customer_summary')} s USING (customer_id)
    LEFT JOIN ${listed(predictions)} p USING (customer_id)`;
}

/** Parses the attributes JSON the store keeps. */
export function parseAttributes(json: string): Attributes {
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Attributes)
    : {};
}

/** The API shape of a row of `customerItemsSql`. */
export function toCustomerItem(row: CustomerItemRow): CustomerItem {
  return {
    customerId: row.customer_id,
    attributes: parseAttributes(row.attributes),
    firstOrder: row.first_order,
    lastOrder: row.last_order,
    orders: row.orders,
    historicClv: row.historic_clv,
    predictedClv: row.predicted_clv,
    pAlive: row.p_alive,
    predictionReason: row.prediction_reason,
  };
}
