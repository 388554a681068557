// Tables as CSV: raw values (full precision, no currency signs), RFC 4180 quoting.
import type { ValueFormat } from './format';

export interface Column {
  key: string;
  label: string;
  format: ValueFormat;
}

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

/** The data behind a chart, as a table and as CSV. */
export interface TableData {
  columns: Column[];
  rows: Row[];
}

function quote(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV text: a header of column labels, then one line per row, CRLF line ends. */
export function toCsv(table: TableData): string {
  const lines = [table.columns.map((c) => quote(c.label))];
  for (const row of table.rows) lines.push(table.columns.map((c) => quote(row[c.key] ?? null)));
  return `${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
