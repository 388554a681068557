import type { SqlDialect } from '../sql-dialect.js';

/** DuckDB's spellings: its own functions mean what the dialect says. */
export const duckDbDialect: SqlDialect = {
  engine: 'duckdb',
  argMax: (value, by) => `arg_max(${value}, ${by})`,
  argMin: (value, by) => `arg_min(${value}, ${by})`,
  anyTrue: (condition) => `bool_or(${condition})`,
  daysBetween: (later, earlier) => `(${later} - ${earlier})`,
  inByteOrder: (text) => `${text} COLLATE C`,
  jsonKeys: (json) => `json_keys(${json})`,
  monthLabel: (dateOrTime) => `strftime(${dateOrTime}, '%Y-%m')`,
  listContains: (list, item) => `list_contains(${list}, ${item})`,
};
