import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { yearLater } from './dates.js';

/** The days a report may be asked about, both included, as YYYY-MM-DD. */
export interface DateBounds {
  earliest: string;
  latest: string;
}

export const EARLIEST_REPORT_DATE = '1970-01-01';
const LAST_DATE = '9999-12-31';

/**
 * From 1970-01-01 to one year after the latest event (after today when there is none). A
 * report's size grows with its span (cohorts: with its square), so a day in the year 9999
 * would cost gigabytes to answer nothing.
 */
export async function reportDateBounds(warehouse: Warehouse): Promise<DateBounds> {
  const [row] = await warehouse.query<{ day: string | null }>(
    `SELECT strftime(max(ts) FILTER (WHERE isfinite(ts)), '%Y-%m-%d') AS day FROM events`,
  );
  const latestEvent = row?.day ?? new Date().toISOString().slice(0, 10);
  const latest = /^\d{4}-\d{2}-\d{2}$/.test(latestEvent) ? yearLater(latestEvent) : LAST_DATE;
  return { earliest: EARLIEST_REPORT_DATE, latest: latest < LAST_DATE ? latest : LAST_DATE };
}

/**
 * A 400 naming the first of `dates` (field name → YYYY-MM-DD) outside the bounds, with every
 * such field in its details.
 */
export function checkDateBounds(
  bounds: DateBounds,
  dates: Readonly<Record<string, string | undefined>>,
): void {
  const issues = Object.entries(dates).flatMap(([field, date]) =>
    date !== undefined && (date < bounds.earliest || date > bounds.latest)
      ? [
          {
            field,
            message: `must be a day from ${bounds.earliest} to ${bounds.latest} (one year after the latest event), not ${date}`,
          },
        ]
      : [],
  );
  if (issues.length === 0) return;
  const message = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
  throw new ClvError('bad_input', message, { details: issues });
}
