import type { Config } from '../config/schema.js';
import type { SqlDialect } from '../store/sql-dialect.js';
import type { SqlParams, Warehouse } from '../store/warehouse.js';

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
  /** Its SELECT, or what makes it in the engine's spelling (store/sql-dialect.ts). */
  sql: string | ((dialect: SqlDialect) => string);
  params?: (config: Config) => SqlParams;
  /** How the table is rebuilt in part after new imports; without it, always in full. */
  incremental?: IncrementalRule;
}

/**
 * A table whose rows fall into groups by `key`, each group's rows made only from the inputs
 * of that key value: after new imports it is the last refresh's rows with the groups the new
 * events touch retired and built again from their inputs (src/model/versioned-rows.ts).
 */
export interface IncrementalRule {
  /** The column that names a group. */
  key: string;
  /** A SELECT of the `key` values that events imported after `$since` touch (distinct). */
  changed: string;
  /**
   * CTEs named as the tables the table's SQL reads, holding only the rows of the groups in
   * `changedKeys` (a table with the one column `key`), read from `generation`'s tables.
   */
  inputs: (changedKeys: string, generation: string) => string;
}

/** A derived table's SELECT in the engine's spelling. */
export function derivedSql(table: DerivedTable, dialect: SqlDialect): string {
  return typeof table.sql === 'string' ? table.sql : table.sql(dialect);
}

/** What became of a model a refresh fitted: `failed` leaves its predictions null. */
export interface ModelState {
  /** What the model predicts: `purchase` (P(alive), purchases) or `spend` (value per purchase). */
  role: 'purchase' | 'spend';
  model: string;
  status: 'ok' | 'degenerate' | 'failed';
  /** Why the model is not ok and what its predictions rest on instead; null when ok. */
  reason: string | null;
}

/** What a computed step built: tables in the refresh's schema, and what it wants people to know. */
export interface ComputedTables {
  tables: { name: string; rows: number }[];
  warnings: string[];
  /** The models it fitted, when it fits any. */
  models?: ModelState[];
}

/**
 * Work a refresh does in code after its SQL tables (fitting models, say): it reads the new
 * derived tables by plain name and creates its own tables in `schema`, which the refresh then
 * publishes together with the rest.
 */
export type ComputedStep = (context: {
  warehouse: Warehouse;
  config: Config;
  schema: string;
}) => Promise<ComputedTables>;
