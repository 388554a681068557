import type { Session } from 'chdb';
import { bindForClickHouse } from '../../src/store/clickhouse/clickhouse-params.js';
import { settingsClause } from '../../src/store/clickhouse/clickhouse-settings.js';
import type { SqlParams } from '../../src/store/sql-params.js';
import type { CellValue } from '../../src/store/warehouse.js';

/** A value as the parity tests compare it: instants as epoch milliseconds. */
export type Cell = string | number | boolean | null;

/**
 * Runs a statement written as the product writes it (`$name` parameters) on chdb, with the
 * settings every ClickHouse statement runs with, and reads its rows as cells.
 */
export function clickHouseRows(session: Session, sql: string, params: SqlParams = {}): Cell[][] {
  const bound = bindForClickHouse(sql, params);
  const text = session.queryBind(`${bound.sql} ${settingsClause()}`, bound.params, 'JSONCompact');
  return (JSON.parse(text) as { data: Cell[][] }).data.map((row) => row.map(instant));
}

/** A DuckDB value as a cell: instants as epoch milliseconds, lists and structs as JSON text. */
export function duckDbCell(value: CellValue): Cell {
  if (value === null || typeof value !== 'object') return instant(value);
  return JSON.stringify(value);
}

/** An instant (`2026-01-02 03:04:05[.123456]`, UTC, on either engine) as epoch milliseconds. */
function instant(value: Cell): Cell {
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\d[ T]\d\d:/.test(value)) {
    return Date.parse(`${value.replace(' ', 'T').replace(/Z$/, '').slice(0, 23)}Z`);
  }
  return value;
}
