import {
  DuckDBArrayValue,
  DuckDBInstance,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  StatementType,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import { toCell } from '../store/duckdb/values.js';
import { sqlErrorPosition } from './sql-error-position.js';
import type { ResultCell, WorkerMessage, WorkerRequest } from './worker-protocol.js';

/** A statement the service will not run, whatever the engine would make of it. */
class Refused extends Error {}

/** The kinds of statement that only read: a query, and the plan of one. */
const READING = new Set<StatementType>([StatementType.SELECT, StatementType.EXPLAIN]);

/**
 * Opens a query snapshot the only way user SQL may see it: read-only, with the engine's
 * external access (files, network, extensions) off and its configuration locked, so that no
 * statement can change a setting back.
 */
export async function openSnapshotEngine(
  snapshot: string,
  memoryMb: number,
): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(snapshot, {
    access_mode: 'READ_ONLY',
    enable_external_access: 'false',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    memory_limit: `${memoryMb}MB`,
    threads: '2',
    lock_configuration: 'true',
  });
  return instance.connect();
}

/**
 * A cell as JSON: integers past 2^53 as text, so that no digit is lost on the way, in lists,
 * arrays, structs and maps too (which `toCell` would turn into rounded numbers).
 */
function cell(value: DuckDBValue): ResultCell {
  if (typeof value === 'bigint' && !Number.isSafeInteger(Number(value))) return value.toString();
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) {
    return value.items.map(cell);
  }
  if (value instanceof DuckDBStructValue) {
    return Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, cell(v)]));
  }
  if (value instanceof DuckDBMapValue) {
    return Object.fromEntries(value.entries.map(({ key, value: v }) => [String(key), cell(v)]));
  }
  return toCell(value);
}

/** The engine's words, with what the query service allows where it refused a file or extension. */
function explained(message: string): string {
  return message.startsWith('Permission Error:')
    ? `${message}\n(the query service reads the store's tables only: no files, no extensions)`
    : message;
}

/**
 * Runs one request's statement and hands each message of the answer to `send` (which may wait
 * for the reader): the columns, the rows a chunk at a time up to the limit, then the end, or
 * an error with the position the engine names. Anything but one SELECT or EXPLAIN is refused.
 */
export async function runStatement(
  connection: DuckDBConnection,
  request: Omit<WorkerRequest, 'snapshot' | 'memoryMb'>,
  send: (message: WorkerMessage) => Promise<void>,
): Promise<void> {
  try {
    await answer(connection, request, send);
  } catch (error) {
    const message = explained(error instanceof Error ? error.message : String(error));
    await send({
      t: 'error',
      message,
      position: error instanceof Refused ? null : sqlErrorPosition(message, request.sql),
    });
  }
}

/** `EXPLAIN [ANALYZE]` before the statement it explains, after any comments. */
const EXPLAIN_PREFIX = /^(?:\s|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*EXPLAIN\s+(?:ANALY[SZ]E\s+)?/i;
/** `(FORMAT json)` and other options, which a parenthesised SELECT looks like too. */
const EXPLAIN_OPTIONS = /^\([^)]*\)\s*/;

/**
 * Whether an EXPLAIN explains one SELECT: EXPLAIN ANALYZE runs what it explains, which the
 * statement type (EXPLAIN) does not say. The rest is read with and without what may be
 * options; what cannot be read as one SELECT either way is refused.
 */
async function explainsSelect(connection: DuckDBConnection, sql: string): Promise<boolean> {
  const prefix = EXPLAIN_PREFIX.exec(sql);
  if (!prefix) return false;
  const rest = sql.slice(prefix[0].length);
  for (const explained of [rest, rest.replace(EXPLAIN_OPTIONS, '')]) {
    try {
      const inner = await connection.extractStatements(explained);
      if (inner.count !== 1) continue;
      if ((await inner.prepare(0)).statementType === StatementType.SELECT) return true;
    } catch {
      // Not a statement read this way: the other reading may be.
    }
  }
  return false;
}

async function answer(
  connection: DuckDBConnection,
  request: Omit<WorkerRequest, 'snapshot' | 'memoryMb'>,
  send: (message: WorkerMessage) => Promise<void>,
): Promise<void> {
  const statements = await connection.extractStatements(request.sql);
  if (statements.count !== 1) {
    throw new Refused(
      statements.count === 0
        ? 'no statement to run'
        : `only a single statement can run at a time (got ${statements.count})`,
    );
  }
  const prepared = await statements.prepare(0);
  if (!READING.has(prepared.statementType)) {
    const kind = StatementType[prepared.statementType] ?? 'this';
    throw new Refused(
      `${kind.replaceAll('_', ' ')} statements are not allowed: the query service only reads (one SELECT or EXPLAIN)`,
    );
  }
  if (
    prepared.statementType === StatementType.EXPLAIN &&
    !(await explainsSelect(connection, request.sql))
  ) {
    throw new Refused(
      'EXPLAIN is allowed of one SELECT only: the query service only reads (EXPLAIN ANALYZE runs the statement it explains)',
    );
  }
  const values: Record<string, DuckDBValue> = {};
  for (let i = 1; i <= prepared.parameterCount; i++) {
    const name = prepared.parameterName(i);
    if (!(name in request.params)) throw new Refused(`no value for the parameter $${name}`);
    values[name] = request.params[name] ?? null;
  }
  if (prepared.parameterCount > 0) prepared.bind(values);
  const result = await prepared.stream();
  const types = result.columnTypes();
  await send({
    t: 'columns',
    columns: result
      .columnNames()
      .map((name, i) => ({ name, type: types[i]?.toString() ?? 'UNKNOWN' })),
  });
  let rowCount = 0;
  let truncated = false;
  while (!truncated) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const room = request.limit - rowCount;
    const rows = chunk.getRows();
    truncated = rows.length > room;
    const kept = truncated ? rows.slice(0, room) : rows;
    rowCount += kept.length;
    if (kept.length > 0) await send({ t: 'rows', rows: kept.map((row) => row.map(cell)) });
  }
  await send({ t: 'end', rowCount, truncated });
}
