/**
 * The spellings of expressions that differ between the engines, each with one meaning that
 * every engine's spelling keeps (test/store/sql-dialect-parity.test.ts runs both on the same
 * rows). Everything else the product writes is SQL both engines read as it is: aggregate
 * `FILTER (WHERE …)` clauses among it (ClickHouse 26.7 reads them; the test checks). Every argument is SQL
 * the caller built from known names and bound parameters.
 */
export interface SqlDialect {
  readonly engine: 'duckdb' | 'clickhouse';
  /**
   * Aggregate: `value` on the row whose `by` is largest, of the rows where neither is NULL (NULL
   * when there is none). `by` should be unique within the group, or the engines may break the
   * tie differently; a tuple such as `(ts, import_id, source_line)` makes it so, and must have no
   * NULL part (the engines order such tuples differently).
   */
  argMax(value: string, by: string): string;
  /** Aggregate: as `argMax`, on the row whose `by` is smallest. */
  argMin(value: string, by: string): string;
  /** Aggregate: whether `condition` holds on some row (NULLs passed over; NULL on no row). */
  anyTrue(condition: string): string;
  /** A date's or time's month as text, `YYYY-MM`. */
  monthLabel(dateOrTime: string): string;
  /** The wall-clock time in `zone` (an IANA name) of a UTC time, as a time without a zone. */
  localTime(utc: string, zone: string): string;
  /** An interval of a whole number of days (of 24 hours), to add to a time. */
  days(count: string): string;
  /** The list of the first days of the months from `first` to `last`, both month starts. */
  monthsFrom(first: string, last: string): string;
  /** The calendar day of a time without a zone. */
  dayOf(time: string): string;
  /**
   * A value that orders events by time, then import, then line (all three never NULL): one
   * number where the engine compares that faster than a tuple.
   */
  eventOrder(ts: string, importId: string, line: string): string;
  /** Text that sorts and compares by its bytes (UTF-8), whatever the engine's collation. */
  inByteOrder(text: string): string;
  /** Whole days from the date `earlier` to the date `later` (negative when later is before). */
  daysBetween(later: string, earlier: string): string;
  /** The keys of a JSON object held as text, as a list of texts. */
  jsonKeys(json: string): string;
  /** Whether the list holds `item`: NULL when `item` is NULL. */
  listContains(list: string, item: string): string;
}

/** Columns for an ORDER BY, each in byte order (see `SqlDialect.inByteOrder`). */
export function inByteOrder(dialect: SqlDialect, ...columns: readonly string[]): string {
  return columns.map((column) => dialect.inByteOrder(column)).join(', ');
}
