// A query's result as the dashboard's table data: the page's table and its CSV.
import type { QueryResult, QueryValue } from '../../api/query-types';
import type { Cell, Column, TableData } from '../../format/csv';
import { columnKind } from './column-kinds';

/**
 * Keys for the result's columns: their names, with `_2`, `_3`… after a name seen before
 * (`SELECT 1 AS a, 2 AS a` is valid SQL), never equal to another column's key.
 */
export function columnKeys(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let key = name;
    for (let n = 2; taken.has(key); n += 1) key = `${name}_${n}`;
    taken.add(key);
    return key;
  });
}

/** A cell as the table and the CSV hold it: booleans as text, lists and structs as JSON. */
export function cellOf(value: QueryValue | undefined): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The result's rows under its column names (header labels) with their raw values. */
export function resultTable(result: QueryResult): TableData {
  const keys = columnKeys(result.columns.map((c) => c.name));
  const columns: Column[] = result.columns.map((column, i) => ({
    key: keys[i] ?? column.name,
    label: column.name,
    format: columnKind(column.type) === 'number' ? 'decimal' : 'text',
  }));
  const rows = result.rows.map((values) =>
    Object.fromEntries(columns.map((column, i) => [column.key, cellOf(values[i])])),
  );
  return { columns, rows };
}

/** Rows beyond this many are in the CSV but not drawn: a browser table of 10,000 rows is slow to use. */
export const TABLE_ROWS = 1000;

/**
 * A number as a reader wants it from SQL: every digit of an integer (grouped), fractions to 15
 * significant digits so a double's last-bit noise (0.30000000000000004) does not show.
 */
export function numberText(value: number, locale?: string): string {
  return new Intl.NumberFormat(
    locale,
    Number.isInteger(value) ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: 15 },
  ).format(value);
}
