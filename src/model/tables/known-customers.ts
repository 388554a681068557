import type { DerivedTable } from '../derived-table.js';
import { TABLE } from '../table-names.js';

/** Every customer the store knows: those of the customers file and those with any event. */
export const knownCustomers: DerivedTable = {
  name: TABLE.knownCustomers,
  description: 'customer_id of every customer in the customers file or with an event',
  dependsOn: [],
  // UNION removes duplicates once; a DISTINCT inside would add a second pass over the events.
  sql: `SELECT customer_id FROM customers UNION SELECT customer_id FROM events`,
};
