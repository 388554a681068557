/**
 * The settings every statement runs with on ClickHouse, so that the SQL the product writes
 * means what it means on DuckDB: a cast keeps NULL a NULL (`$day::DATE` of a NULL); an outer
 * join fills a missing side with NULLs, not zeros and empty strings; a bare UNION is UNION
 * DISTINCT; times are UTC. Numbers are written as numbers in JSON answers, 64-bit integers and
 * decimals included, as the DuckDB engine reads them.
 */
export const CLICKHOUSE_SETTINGS = {
  cast_keep_nullable: 1,
  join_use_nulls: 1,
  union_default_mode: 'DISTINCT',
  session_timezone: 'UTC',
  output_format_json_quote_64bit_integers: 0,
  output_format_json_quote_decimals: 0,
} as const;

/** The settings as a statement's SETTINGS clause. */
export function settingsClause(): string {
  const items = Object.entries(CLICKHOUSE_SETTINGS).map(([name, value]) =>
    typeof value === 'number' ? `${name} = ${value}` : `${name} = '${value}'`,
  );
  return `SETTINGS ${items.join(', ')}`;
}
