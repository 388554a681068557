import type { SqlDialect } from '../sql-dialect.js';

/**
 * ClickHouse's spellings. Its aggregates pass over a row when any Nullable argument is NULL, as
 * DuckDB's arg_max and arg_min do.
 */
export const clickHouseDialect: SqlDialect = {
  engine: 'clickhouse',
  argMax: (value, by) => `argMax(${value}, ${by})`,
  argMin: (value, by) => `argMin(${value}, ${by})`,
  anyTrue: (condition) => `max(CAST(${condition} AS Nullable(Bool)))`,
  // Dates of the wide range (Date32) do not subtract.
  daysBetween: (later, earlier) => `dateDiff('day', ${earlier}, ${later})`,
  // Strings compare by their bytes unless told a collation.
  inByteOrder: (text) => text,
  // The zone's offset at that instant, added: a time in UTC that reads as the wall clock.
  localTime: (utc, zone) => `addSeconds(${utc}, timeZoneOffset(toTimeZone(${utc}, ${zone})))`,
  // The wide date (1900-2299), not Date's 1970-2149.
  dayOf: (time) => `toDate32(${time})`,
  days: (count) => `toIntervalDay(${count})`,
  monthsFrom: (first, last) =>
    `arrayMap(i -> addMonths(${first}, i), range(toUInt32(dateDiff('month', ${first}, ${last}) + 1)))`,
  eventOrder: (ts, importId, line) => `(toUnixTimestamp64Micro(${ts}), ${importId}, ${line})`,
  // A list cannot be NULL: no text, no keys (DuckDB's NULL list unnests to no rows too). JSON
  // is held as text, as the DuckDB engine's JSON is.
  jsonKeys: (json) => `JSONExtractKeys(coalesce(${json}, '{}'))`,
  monthLabel: (dateOrTime) => `formatDateTime(${dateOrTime}, '%Y-%m')`,
  // `has` finds nothing for NULL rather than not knowing, and answers 0 or 1, not a boolean.
  listContains: (list, item) =>
    `CAST(if(isNull(${item}), NULL, has(${list}, ${item})) AS Nullable(Bool))`,
};
