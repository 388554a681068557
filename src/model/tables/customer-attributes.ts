import type { DerivedTable } from '../derived-table.js';
import { TABLE } from '../table-names.js';

/**
 * Every attribute key the customers table holds: with the configured drill-downs, the
 * attributes a search or a segmentation may name.
 */
export const customerAttributes: DerivedTable = {
  name: TABLE.customerAttributes,
  description: 'attribute: a key of the attributes of at least one customer',
  dependsOn: [],
  sql: (d) => `SELECT DISTINCT unnest(${d.jsonKeys('attributes')}) AS attribute FROM customers`,
};
