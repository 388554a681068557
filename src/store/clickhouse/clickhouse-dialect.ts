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
  // `has` finds nothing for NULL rather than not knowing, and answers 0 or 1, not a boolean.
  listContains: (list, item) =>
    `CAST(if(isNull(${item}), NULL, has(${list}, ${item})) AS Nullable(Bool))`,
};
