/** The time source of the delivery code, replaceable in tests. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A time as a DuckDB TIMESTAMP literal value in UTC (`2026-12-05 08:00:00.123`), for binding. */
export function timestampText(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '');
}

/** Reads a stored UTC timestamp back as ISO 8601 in SQL. */
export function isoColumn(column: string): string {
  return `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
}
