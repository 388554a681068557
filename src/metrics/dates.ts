/** Calendar arithmetic on local dates written YYYY-MM-DD (no time zone involved). */

const DAY_MS = 86_400_000;

function utcOf(date: string): number {
  return Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
}

/** The date `days` days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  return new Date(utcOf(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcOf(to) - utcOf(from)) / DAY_MS);
}

/** First day of the month `months` after the one `date` falls in. */
export function shiftMonth(date: string, months: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1 + months, 1));
  return d.toISOString().slice(0, 10);
}

/** Calendar months from the month of `from` to the month of `to`. */
export function monthsBetween(from: string, to: string): number {
  return (
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7))
  );
}

/** The same day a year earlier; February 29 becomes February 28. */
export function yearEarlier(date: string): string {
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, '0');
  const candidate = `${year}${date.slice(4)}`;
  return addDays(candidate, 0) === candidate ? candidate : `${year}-02-28`;
}

/** The same day a year later; February 29 becomes February 28. */
export function yearLater(date: string): string {
  const year = String(Number(date.slice(0, 4)) + 1).padStart(4, '0');
  const candidate = `${year}${date.slice(4)}`;
  return addDays(candidate, 0) === candidate ? candidate : `${year}-02-28`;
}
