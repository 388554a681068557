import type { ParamType, RuleDialect } from './rule-dialect.js';

const CAST: Record<ParamType, string> = {
  text: 'VARCHAR',
  number: 'DOUBLE',
  integer: 'BIGINT',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  textList: 'VARCHAR[]',
};

/** DuckDB's spelling of a rule. */
export const duckdbRuleDialect: RuleDialect = {
  param: (name, type) => `CAST($${name} AS ${CAST[type]})`,
  jsonText: (json, pointer) => `json_extract_string(${json}, ${pointer})`,
  // Infinity and NaN read as numbers here; a rule compares finite values only.
  tryNumber: (text) =>
    `(CASE WHEN isfinite(TRY_CAST(${text} AS DOUBLE)) THEN TRY_CAST(${text} AS DOUBLE) END)`,
  tryDate: (text) => `TRY_CAST(left(${text}, 10) AS DATE)`,
  day: (timestamp) => `CAST(${timestamp} AS DATE)`,
  addDays: (date, days) => `CAST(${date} + to_days(CAST(${days} AS INTEGER)) AS DATE)`,
  minusDays: (timestamp, days) => `(${timestamp} - to_days(CAST(${days} AS INTEGER)))`,
  contains: (text, needle) => `(strpos(${text}, ${needle}) > 0)`,
  inList: (value, list) => `list_contains(${list}, ${value})`,
};
