import { requireDerivedTables } from '../model/store-state.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { parseDate, resolvePeriod, type Period } from './period.js';

/**
 * The date a report is computed as of: `to` when given, otherwise the end of the default
 * period, so that `clv metrics` and its sub-reports describe the same moment.
 */
export async function resolveAsOf(warehouse: Warehouse, to?: string): Promise<string> {
  await requireDerivedTables(warehouse);
  if (to !== undefined) return parseDate(to, 'to');
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
    throw new ClvError('usage', 'no orders yet, so there is no default period: pass `to`');
  }
  return period;
}
