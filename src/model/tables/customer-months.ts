import type { DerivedTable } from '../derived-table.js';
import { TABLE } from '../table-names.js';
import { perCustomerOverOrders } from './per-customer-rule.js';

/** Per customer and calendar month (project zone) with any order: orders by outcome, revenue. */
export const customerMonths: DerivedTable = {
  name: TABLE.customerMonths,
  description:
    'per customer and month (first day, local): orders (successful), revenue, canceled, returned, other, last_day (of a successful order)',
  dependsOn: [TABLE.orders],
  incremental: perCustomerOverOrders,
  sql: `
    SELECT customer_id, CAST(date_trunc('month', ts_local) AS DATE) AS month,
           count(*) FILTER (WHERE outcome = 'success') AS orders,
           coalesce(sum(amount) FILTER (WHERE outcome = 'success'), 0) AS revenue,
           count(*) FILTER (WHERE outcome = 'canceled') AS canceled,
           count(*) FILTER (WHERE outcome = 'returned') AS returned,
           count(*) FILTER (WHERE outcome = 'other') AS other,
           max(day) FILTER (WHERE outcome = 'success') AS last_day
    FROM orders
    GROUP BY 1, 2`,
};
