import { ClvError } from '../shared/errors.js';
import { latestOrderDay } from '../model/store-state.js';
import type { Warehouse } from '../store/warehouse.js';
import { addDays, daysBetween, monthsBetween, shiftMonth, yearEarlier } from './dates.js';

/** A half-open range of local dates [from, to), as YYYY-MM-DD. */
export interface Period {
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a YYYY-MM-DD date given on the command line or in a request. */
export function parseDate(value: string, name: string): string {
  if (!DATE.test(value) || addDays(value, 0) !== value) {
    throw new ClvError('usage', `\`${name}\` must be a date YYYY-MM-DD, not "${value}"`);
  }
  return value;
}

/** The period from the options, or the last 12 full months before the latest order. */
export async function resolvePeriod(
  warehouse: Warehouse,
  options: { from?: string; to?: string },
): Promise<Period | null> {
  const from = options.from === undefined ? undefined : parseDate(options.from, 'from');
  const to = options.to === undefined ? undefined : parseDate(options.to, 'to');
  if (from !== undefined && to !== undefined) return checked({ from, to });
  if (to !== undefined) {
    // Twelve months back from a month's first day, otherwise 365 days back.
    const start = to.endsWith('-01') ? shiftMonth(to, -12) : addDays(to, -365);
    return checked({ from: start, to });
  }
  const latest = await latestOrderDay(warehouse);
  if (!latest) return null;
  const end = `${latest.slice(0, 8)}01`;
  return checked({ from: from ?? shiftMonth(end, -12), to: end });
}

function checked(period: Period): Period {
  if (period.from >= period.to) {
    throw new ClvError('usage', `\`from\` (${period.from}) must come before \`to\` (${period.to})`);
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
    const months = monthsBetween(from, to);
    return { from: shiftMonth(from, -months), to: from };
  }
  return { from: addDays(from, -daysBetween(from, to)), to: from };
}

/** What a period is compared with: the period just before it, or the same dates a year earlier. */
export type CompareWith = 'previous' | 'year';

/** The period a report compares with. */
export function comparisonPeriod(period: Period, compare: CompareWith = 'previous'): Period {
  if (compare === 'previous') return previousPeriod(period);
  return { from: yearEarlier(period.from), to: yearEarlier(period.to) };
}
