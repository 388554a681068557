import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';
import { TABLE } from '../model/table-names.js';

/**
 * The local instant W (`churnWindowDays`) after the store's first successful order, as
 * 'YYYY-MM-DD HH:MM:SS'; null for a store without one. Before it nobody can have churned yet,
 * so a month starting earlier has churn biased low.
 */
export async function fullHistoryFrom(
  warehouse: Warehouse,
  config: Config,
): Promise<string | null> {
  const [row] = await warehouse.query<{ at: string | null }>(
    `SELECT strftime(min(ts_local) + to_days(CAST($window AS INTEGER)), '%Y-%m-%d %H:%M:%S') AS at
     FROM ${TABLE.orders} WHERE outcome = 'success'`,
    { window: config.churnWindowDays },
  );
  return row?.at ?? null;
}

/** Whether a month (its first day) starts before the store has a full churn window behind it. */
export function startsEarly(month: string, historyFrom: string | null): boolean {
  return historyFrom !== null && `${month.slice(0, 10)} 00:00:00` < historyFrom;
}
