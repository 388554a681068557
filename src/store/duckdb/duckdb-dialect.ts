import type { SqlDialect } from '../sql-dialect.js';

/** DuckDB's spellings: its own functions mean what the dialect says. */
export const duckDbDialect: SqlDialect = {
  engine: 'duckdb',
  argMax: (value, by) => `arg_max(${value}, ${by})`,
  argMin: (value, by) => `arg_min(${value}, ${by})`,
  anyTrue: (condition) => `bool_or(${condition})`,
  daysBetween: (later, earlier) => `(${later} - ${earlier})`,
  inByteOrder: (text) => `${text} COLLATE C`,
  localTime: (utc, zone) => `timezone(${zone}, timezone('UTC', ${utc}))`,
  dayOf: (time) => `CAST(${time} AS DATE)`,
  days: (count) => `to_days(CAST(${count} AS INTEGER))`,
  monthsFrom: (first, last) => `generate_series(${first}, ${last}, INTERVAL 1 MONTH)`,
  // One number (time, then import, then line), which the engine compares much faster than a
  // struct of the three. A multiplication, not a shift: times before 1970 are negative, and
  // the engine refuses to shift those.
  eventOrder: (ts, importId, line) =>
    `(epoch_us(${ts})::HUGEINT * (1::HUGEINT << 64) + (${importId}::HUGEINT << 40) + ${line})`,
  jsonKeys: (json) => `json_keys(${json})`,
  monthLabel: (dateOrTime) => `strftime(${dateOrTime}, '%Y-%m')`,
  listContains: (list, item) => `list_contains(${list}, ${item})`,
};
