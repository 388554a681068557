import type { ParamType, RuleDialect } from './rule-dialect.js';

const CAST: Record<ParamType, string> = {
  text: 'VARCHAR',
  number: 'DOUBLE',
  integer: 'BIGINT',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  textList: 'VARCHAR[]',
};

// RE2 patterns for the text a rule reads as a number or a date (see RuleDialect).
const NUMBER_PATTERN = String.raw`[ \t\n\r]*[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?[ \t\n\r]*`;
const DATE_PATTERN = '[0-9]{4}-[0-9]{2}-[0-9]{2}';

/** DuckDB's spelling of a rule. */
export const duckdbRuleDialect: RuleDialect = {
  param: (name, type) => `CAST($${name} AS ${CAST[type]})`,
  jsonText: (json, pointer) => `json_extract_string(${json}, ${pointer})`,
  // The engine's casts read more than the written grammar ('1_000', 'inf', '2024/1/5',
  // 'epoch'): the pattern keeps a rule's meaning the same on every engine.
  tryNumber: (text) =>
    `(CASE WHEN regexp_full_match(${text}, '${NUMBER_PATTERN}') AND isfinite(TRY_CAST(${text} AS DOUBLE)) THEN TRY_CAST(${text} AS DOUBLE) END)`,
  tryDate: (text) =>
    `(CASE WHEN regexp_full_match(left(${text}, 10), '${DATE_PATTERN}') THEN TRY_CAST(left(${text}, 10) AS DATE) END)`,
  day: (timestamp) => `CAST(${timestamp} AS DATE)`,
  // DATE ± INTEGER stays a date; through an interval it would pass through a timestamp, whose
  // range (about ±290,000 years) a count of up to 10^9 days leaves.
  addDays: (date, days) => `(${date} + CAST(${days} AS INTEGER))`,
  minusDays: (timestamp, days) => `(${timestamp} - to_days(CAST(${days} AS INTEGER)))`,
  contains: (text, needle) => `(strpos(${text}, ${needle}) > 0)`,
  inList: (value, list) => `list_contains(${list}, ${value})`,
};
