import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';

/** A half-open range of local dates [from, to), as YYYY-MM-DD. */
export interface Period {
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date (calendar arithmetic, no time zone). */
function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    86_400_000
  );
}

function dateOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

/** Checks a YYYY-MM-DD date given on the command line or in a request. */
export function parseDate(value: string, name: string): string {
  if (!DATE.test(value) || dateOf(dayNumber(value)) !== value) {
    throw new ClvError('usage', `${name} must be a date YYYY-MM-DD, not "${value}"`);
  }
  return value;
}

/** The period from the options, or the last 12 full months before the latest order. */
export async function resolvePeriod(
  warehouse: Warehouse,
  options: { from?: string; to?: string },
): Promise<Period | null> {
  const from = options.from === undefined ? undefined : parseDate(options.from, '--from');
  const to = options.to === undefined ? undefined : parseDate(options.to, '--to');
  if (from !== undefined && to !== undefined) return checked({ from, to });
  if (to !== undefined) {
    // Twelve months back from a month's first day, otherwise 365 days back.
    const start = to.endsWith('-01') ? addMonths(to, -12) : dateOf(dayNumber(to) - 365);
    return checked({ from: start, to });
  }
  const [latest] = await warehouse.query<{ day: string | null }>(
    `SELECT max(day)::VARCHAR AS day FROM orders`,
  );
  if (!latest?.day) return null;
  const end = `${latest.day.slice(0, 8)}01`;
  return checked({ from: from ?? addMonths(end, -12), to: end });
}

function checked(period: Period): Period {
  if (period.from >= period.to) {
    throw new ClvError('usage', `--from (${period.from}) must come before --to (${period.to})`);
  }
  return period;
}

/**
 * The period before: the same number of calendar months when both ends are first days of
 * months, otherwise the same number of days; it ends where the period starts.
 */
export function previousPeriod(period: Period): Period {
  const { from, to } = period;
  if (from.endsWith('-01') && to.endsWith('-01')) {
    const months =
      (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
      Number(to.slice(5, 7)) -
      Number(from.slice(5, 7));
    return { from: addMonths(from, -months), to: from };
  }
  return { from: dateOf(dayNumber(from) - (dayNumber(to) - dayNumber(from))), to: from };
}
