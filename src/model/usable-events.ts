import { acceptedRanges, describeLimits } from '../config/accepted-ranges.js';
import type { Config } from '../config/schema.js';
import { literal } from '../store/sql-text.js';
import type { Warehouse } from '../store/warehouse.js';

/**
 * Creates `events` in the refresh's schema: the stored events inside today's accepted ranges,
 * which the derived tables read in place of the raw table (the schema comes first on their
 * search path). A store written by an older version, or before the config changed, may hold
 * events no import accepts now (a time before 1970 or in the year 9999, an amount of 1e30):
 * they stay stored, are left out of the derived tables, and the refresh says how many.
 * Returns the warning, or null when nothing was left out.
 */
export async function usableEvents(
  warehouse: Warehouse,
  config: Config,
  schema: string,
): Promise<string | null> {
  const ranges = acceptedRanges(config);
  const params = {
    timezone: config.timezone,
    minTimestamp: ranges.minTimestamp,
    maxTimestamp: ranges.maxTimestamp,
    maxAmount: ranges.maxAmount,
  };
  // Stored times are UTC; a limit without a zone is read in the project's zone.
  const utc = (name: string): string =>
    `(CASE WHEN regexp_matches($${name}, '(Z|[+-]\\d\\d:?\\d\\d)$') THEN $${name}::TIMESTAMPTZ
           ELSE timezone($timezone, $${name}::TIMESTAMP) END AT TIME ZONE 'UTC')`;
  const [bounds] = await warehouse.query<{ low: string; high: string; max_amount: number }>(
    `SELECT strftime(${utc('minTimestamp')}, '%Y-%m-%d %H:%M:%S.%f') AS low,
            strftime(${utc('maxTimestamp')}, '%Y-%m-%d %H:%M:%S.%f') AS high,
            $maxAmount::DOUBLE AS max_amount`,
    params,
  );
  if (!bounds) throw new Error('the accepted ranges could not be read');
  // A view cannot hold bound values, and the limits as subqueries made every scan of the view
  // five times dearer than one of the table (the engine no longer pushed the filters into the
  // scan), so the view holds them as literals: the engine's own rendering of the limits it
  // computed above, quoted.
  const goodTime = `isfinite(ts) AND ts BETWEEN TIMESTAMP ${literal(bounds.low)} AND TIMESTAMP ${literal(bounds.high)}`;
  const goodAmount = `(amount IS NULL OR (isfinite(amount) AND amount BETWEEN 0 AND ${literal(String(bounds.max_amount))}::DOUBLE))`;
  const [counts] = await warehouse.query<{ time: number; amount: number }>(
    `SELECT count(*) FILTER (WHERE NOT (${goodTime})) AS time,
            count(*) FILTER (WHERE ${goodTime} AND NOT ${goodAmount}) AS amount
     FROM main.events`,
  );
  const time = counts?.time ?? 0;
  const amount = counts?.amount ?? 0;
  await warehouse.run(
    `CREATE VIEW ${schema}.events AS SELECT * FROM main.events WHERE ${goodTime} AND ${goodAmount}`,
  );
  if (time + amount === 0) return null;
  const limits = describeLimits(config, ranges);
  const parts = [
    time > 0 ? `${time} with a time outside ${limits.min} to ${limits.max}` : null,
    amount > 0 ? `${amount} with an amount that is not a number from 0 to ${limits.amount}` : null,
  ].filter((part) => part !== null);
  return (
    `${time + amount} stored events are outside the accepted ranges and were left out of the ` +
    `reports (${parts.join('; ')}); they stay in the events table`
  );
}
