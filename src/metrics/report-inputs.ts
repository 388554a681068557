import { derivedTables } from '../model/registry.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { parseDate, resolvePeriod, type Period } from './period.js';

/** Whether the store holds a table (or view) of that name. */
export async function tableExists(warehouse: Warehouse, name: string): Promise<boolean> {
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
 * The date a report is computed as of: `to` when given, otherwise the end of the default
 * period, so that `clv metrics` and its sub-reports describe the same moment.
 */
export async function resolveAsOf(warehouse: Warehouse, to?: string): Promise<string> {
  await requireDerivedTables(warehouse);
  if (to !== undefined) return parseDate(to, '--to');
  return (await resolveReportPeriod(warehouse, {})).to;
}

/**
 * The as-of date, and whether it is the date `clv refresh` built the derived cohorts, deciles
 * and rfm tables for (the end of the default period), so a report can read them instead of
 * computing them again.
 */
export async function resolveAsOfSource(
  warehouse: Warehouse,
  to?: string,
): Promise<{ asOf: string; derived: boolean }> {
  const asOf = await resolveAsOf(warehouse, to);
  if (to === undefined) return { asOf, derived: true };
  const byDefault = await resolvePeriod(warehouse, {});
  return { asOf, derived: asOf === byDefault?.to };
}

/** The report's period from the options, or the default period; derived tables must exist. */
export async function resolveReportPeriod(
  warehouse: Warehouse,
  options: { from?: string; to?: string },
): Promise<Period> {
  await requireDerivedTables(warehouse);
  const period = await resolvePeriod(warehouse, options);
  if (!period) {
    throw new ClvError('usage', 'no orders yet, so there is no default period: pass --to');
  }
  return period;
}
