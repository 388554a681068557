import { addDays } from '../../app/dates';

/** The same day `months` months earlier, clamped to the end of a shorter month (Mar 31 → Feb 28). */
export function monthsBefore(day: string, months: number): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * The suggested first holdout day: six months of data kept back, so the holdout runs from six
 * months before the day after the data's end (data to Oct 31 → holdout from May 1).
 */
export function defaultHoldoutFrom(dataEnd: string | null, today: string): string {
  return monthsBefore(addDays(dataEnd ?? today, 1), 6);
}
