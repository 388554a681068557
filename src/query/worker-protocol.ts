/** What the parent asks a query worker: one statement over one snapshot. */
export interface WorkerRequest {
  snapshot: string;
  sql: string;
  /** Values of the statement's `$name` parameters; only those it names are bound. */
  params: Record<string, string | number | boolean | null>;
  /** Rows to answer with at most; more make the answer `truncated`. */
  limit: number;
  memoryMb: number;
}

/** A result column: its name and the engine's type text (`VARCHAR`, `DECIMAL(18,2)`, …). */
export interface ResultColumn {
  name: string;
  type: string;
}

/** A JSON-safe cell of a result. */
export type ResultCell =
  string | number | boolean | null | ResultCell[] | { [key: string]: ResultCell };

/** Where in the statement the engine found the error, 1-based. */
export interface SqlPosition {
  line: number;
  column: number;
}

/**
 * The worker's answer, one JSON line each on its standard output: the columns, rows a chunk at
 * a time, then the end or an error.
 */
export type WorkerMessage =
  | { t: 'columns'; columns: ResultColumn[] }
  | { t: 'rows'; rows: ResultCell[][] }
  | { t: 'end'; rowCount: number; truncated: boolean }
  | { t: 'error'; message: string; position: SqlPosition | null };
