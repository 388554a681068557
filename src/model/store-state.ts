import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { derivedTables } from './registry.js';
import type { TableName } from './table-names.js';

/** Whether the store holds a table (or view) of that name. */
export async function tableExists(warehouse: Warehouse, name: TableName): Promise<boolean> {
  const rows = await warehouse.query(
    `SELECT 1 FROM information_schema.tables WHERE table_name = $name`,
    { name },
  );
  return rows.length > 0;
}

/** Whether `clv refresh` has built every derived table (a newer version may have added one). */
export async function hasDerivedTables(warehouse: Warehouse): Promise<boolean> {
  const names = derivedTables.map((table) => table.name);
  const [found] = await warehouse.query<{ n: number }>(
    `SELECT count(DISTINCT table_name) AS n FROM information_schema.tables
     WHERE list_contains($names, table_name)`,
    { names },
  );
  return (found?.n ?? 0) >= names.length;
}

/** Fails with a usage error unless `clv refresh` has built every derived table. */
export async function requireDerivedTables(warehouse: Warehouse): Promise<void> {
  if (!(await hasDerivedTables(warehouse))) {
    throw new ClvError('conflict', 'no derived tables yet: run clv refresh first');
  }
}

/**
 * The local day of the latest order as of the last refresh (YYYY-MM-DD); null before a
 * refresh or without orders. The default period and as-of date are counted from it.
 */
export async function latestOrderDay(warehouse: Warehouse): Promise<string | null> {
  const [latest] = await warehouse.query<{ day: string | null }>(
    `SELECT max(day)::VARCHAR AS day FROM orders`,
  );
  return latest?.day ?? null;
}
