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
     WHERE ${warehouse.dialect.listContains('$names', 'table_name')}`,
    { names },
  );
  return (found?.n ?? 0) >= names.length;
}

/**
 * The id of the last refresh when nothing was imported since it and its tables are all there,
 * so that a refresh now would build the same; null when a refresh has something to do.
 */
export async function lastRefreshIfUnchanged(warehouse: Warehouse): Promise<number | null> {
  const [row] = await warehouse.query<{ refresh_id: number | null; changed: boolean }>(
    `SELECT (SELECT max(refresh_id) FROM refreshes) AS refresh_id,
            NOT EXISTS (SELECT 1 FROM refreshes)
            OR (SELECT max(import_id) FROM imports) IS DISTINCT FROM
               (SELECT last_import_id FROM refreshes ORDER BY refresh_id DESC LIMIT 1) AS changed`,
  );
  if (!row || row.changed || row.refresh_id === null) return null;
  // A store refreshed by an older version may lack a derived table a newer one reads.
  return (await hasDerivedTables(warehouse)) ? row.refresh_id : null;
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
