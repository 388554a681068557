import { acceptedRanges, describeLimits } from '../config/accepted-ranges.js';
import type { Config } from '../config/schema.js';
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
  // Stored times are UTC; a limit without a zone is read in the project's zone. The limits
  // go into a table of the refresh's schema, as a view cannot hold bound values.
  const utc = (name: string): string =>
    `(CASE WHEN regexp_matches($${name}, '(Z|[+-]\\d\\d:?\\d\\d)$') THEN $${name}::TIMESTAMPTZ
           ELSE timezone($timezone, $${name}::TIMESTAMP) END AT TIME ZONE 'UTC')`;
  await warehouse.run(
    `CREATE TABLE ${schema}.accepted_ranges AS
     SELECT ${utc('minTimestamp')} AS low, ${utc('maxTimestamp')} AS high,
            $maxAmount::DOUBLE AS max_amount`,
    params,
  );
  const limit = (column: string): string => `(SELECT ${column} FROM ${schema}.accepted_ranges)`;
  const goodTime = `isfinite(ts) AND ts BETWEEN ${limit('low')} AND ${limit('high')}`;
  const goodAmount = `(amount IS NULL OR (isfinite(amount) AND amount BETWEEN 0 AND ${limit('max_amount')}))`;
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
