import type { DerivedTable } from './derived-table.js';
import { attributeValues } from './tables/attribute-values.js';
import { cohorts } from './tables/cohorts.js';
import { consentHistory } from './tables/consent-history.js';
import { customerActivity } from './tables/customer-activity.js';
import { customerAttributes } from './tables/customer-attributes.js';
import { customerMonths } from './tables/customer-months.js';
import { customerSummary } from './tables/customer-summary.js';
import { deciles } from './tables/deciles.js';
import { knownCustomers } from './tables/known-customers.js';
import { monthlyMetrics } from './tables/monthly-metrics.js';
import { orders } from './tables/orders.js';
import { purchaseSummary } from './tables/purchase-summary.js';
import { rfm } from './tables/rfm.js';

/** Every derived table of the model. */
export const derivedTables: readonly DerivedTable[] = [
  orders,
  customerSummary,
  consentHistory,
  customerMonths,
  customerActivity,
  monthlyMetrics,
  cohorts,
  deciles,
  rfm,
  knownCustomers,
  customerAttributes,
  attributeValues,
  purchaseSummary,
];

/** The tables in an order where each comes after the tables it reads. */
export function dependencyOrder(tables: readonly DerivedTable[]): DerivedTable[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: DerivedTable[] = [];
  const visit = (table: DerivedTable): void => {
    if (done.has(table.name)) return;
    if (visiting.has(table.name))
      throw new Error(`derived tables depend on each other: ${table.name}`);
    visiting.add(table.name);
    for (const name of table.dependsOn) {
      const dependency = byName.get(name);
      if (!dependency) throw new Error(`${table.name} depends on unknown table ${name}`);
      visit(dependency);
    }
    visiting.delete(table.name);
    done.add(table.name);
    ordered.push(table);
  };
  tables.forEach(visit);
  return ordered;
}
