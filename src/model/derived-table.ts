import type { Config } from '../config/schema.js';
import type { SqlParams } from '../store/warehouse.js';

/**
 * One derived table: a single SELECT over raw tables or other derived tables. `refresh`
 * materialises it as `name`; every derived table can be queried with SQL like a raw one.
 */
export interface DerivedTable {
  name: string;
  /** What a reader finds in a row of it. */
  description: string;
  /** Derived tables it reads; raw tables are not listed. */
  dependsOn: readonly string[];
  sql: string;
  params?: (config: Config) => SqlParams;
}
