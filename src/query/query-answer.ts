import { csvField } from '../shared/csv-field.js';
import type { StartedQuery } from './query-service.js';
import type { ResultCell, ResultColumn } from './worker-protocol.js';

/** A whole answer in one JSON document: what the dashboard and `--format json` read. */
export interface QueryAnswer {
  columns: ResultColumn[];
  rows: ResultCell[][];
  rowCount: number;
  truncated: boolean;
  limit: number;
  seconds: number;
  refreshId: number;
  asOf: string | null;
}

/** Reads every row of a query (at most its limit) into one answer. */
export async function collectAnswer(query: StartedQuery): Promise<QueryAnswer> {
  const rows: ResultCell[][] = [];
  for await (const batch of query.batches) rows.push(...batch);
  const end = query.end();
  return {
    columns: query.columns,
    rows,
    rowCount: end.rowCount,
    truncated: end.truncated,
    limit: query.limit,
    seconds: end.seconds,
    refreshId: query.snapshot.refreshId,
    asOf: query.snapshot.asOf,
  };
}

/** A cell as CSV text: numbers plain, text quoted and defused, lists and structs as JSON. */
function csvCell(value: ResultCell): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return csvField(value);
  return csvField(JSON.stringify(value));
}

/** The answer as CSV, a chunk of rows at a time, header first. */
export async function* csvChunks(query: StartedQuery): AsyncGenerator<string> {
  yield `${query.columns.map((column) => csvField(column.name)).join(',')}\n`;
  for await (const batch of query.batches) {
    yield batch.map((row) => `${row.map(csvCell).join(',')}\n`).join('');
  }
}

/** A row as an object keyed by column name (a repeated name keeps its last value). */
export function rowObject(columns: readonly ResultColumn[], row: readonly ResultCell[]) {
  return Object.fromEntries(columns.map((column, i) => [column.name, row[i] ?? null]));
}

/** The answer as JSON lines, one object per row. */
export async function* ndjsonChunks(query: StartedQuery): AsyncGenerator<string> {
  for await (const batch of query.batches) {
    yield batch.map((row) => `${JSON.stringify(rowObject(query.columns, row))}\n`).join('');
  }
}
