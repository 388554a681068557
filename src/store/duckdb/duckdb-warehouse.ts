import {
  DuckDBDataChunkWriter,
  DuckDBInstance,
  JSToDuckDBValueConverter,
  type DuckDBType,
  type DuckDBValue,
  type DuckDBConnection,
  type DuckDBResult,
} from '@duckdb/node-api';
import { ClvError } from '../../shared/errors.js';
import type { Generations } from '../generations.js';
import type { VersionedTables } from '../versioned-tables.js';
import { duckDbVersioned } from './duckdb-versioned.js';
import type { ScratchTables } from '../scratch-tables.js';
import type { FileStaging } from '../staged.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { CellScalar, Row, SqlParams, Warehouse } from '../warehouse.js';
import { duckDbGenerations } from './duckdb-generations.js';
import { duckDbDialect } from './duckdb-dialect.js';
import { duckDbScratch } from './duckdb-scratch.js';
import { duckDbStaging } from './staging/duckdb-staging.js';
import { bindParams } from './bind.js';
import { toCell } from './values.js';
import { StoreHeldError } from '../store-held.js';

export interface DuckDbOptions {
  /** Threads for the engine; DuckDB's default is one per core. */
  threads?: number;
  memoryLimit?: string;
}

/** The embedded engine: one DuckDB file (or `:memory:`), one connection, statements in order. */
export class DuckDbWarehouse implements Warehouse {
  readonly dialect: SqlDialect = duckDbDialect;
  readonly generations: Generations = duckDbGenerations(this);
  readonly scratch: ScratchTables = duckDbScratch(this);
  readonly staging: FileStaging = duckDbStaging(this);
  readonly versioned: VersionedTables = duckDbVersioned(this);
  private inTransaction = false;
  private closed = false;
  // Serialises statements: DuckDB runs one statement at a time per connection anyway, and a
  // transaction must not interleave with another caller's statements.
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** Whether closing this object closes the engine too (false for forks). */
    private readonly ownsInstance = true,
    /** How many scratch tags the store has handed out, shared with its forks. */
    private readonly tags = { issued: 0 },
    /** The memory limit the store was opened with (null: the engine's default). */
    private readonly memoryLimit: string | null = null,
  ) {}

  /** Opens (creating when missing) a DuckDB file. */
  static async open(path: string, options: DuckDbOptions = {}): Promise<DuckDbWarehouse> {
    const settings: Record<string, string> = {};
    if (options.threads) settings['threads'] = String(options.threads);
    if (options.memoryLimit) settings['memory_limit'] = options.memoryLimit;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, settings);
    } catch (error) {
      const message = (error as Error).message;
      // One process at a time may hold a DuckDB file; the usual other one is `clv serve`.
      if (/Could not set lock/i.test(message)) {
        throw new StoreHeldError(path, error);
      }
      throw new ClvError('failure', `cannot open the store ${path}: ${message}`, { cause: error });
    }
    return new DuckDbWarehouse(
      instance,
      await connect(instance),
      true,
      { issued: 0 },
      options.memoryLimit ?? null,
    );
  }

  async fork(): Promise<DuckDbWarehouse> {
    return new DuckDbWarehouse(
      this.instance,
      await connect(this.instance),
      false,
      this.tags,
      this.memoryLimit,
    );
  }

  scratchTag(): string {
    // The pid keeps scratch files apart when two processes share a project's scratch folder.
    this.tags.issued += 1;
    return `${process.pid}_${this.tags.issued}`;
  }

  async withScratchTable<T>(prefix: string, work: (table: string) => Promise<T>): Promise<T> {
    const table = `${prefix}_${this.scratchTag()}`;
    try {
      return await work(table);
    } finally {
      await this.scratch.drop(table);
    }
  }

  async run(sql: string, params?: SqlParams): Promise<number> {
    const result = await this.serial(() => this.connection.run(sql, ...bound(params)));
    return Number(result.rowsChanged);
  }

  async query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    const reader = await this.serial(() => this.connection.runAndReadAll(sql, ...bound(params)));
    const names = reader.deduplicatedColumnNames();
    return reader.getRows().map((values) => {
      const row: Row = {};
      values.forEach((value, i) => {
        row[names[i] ?? `column${i}`] = toCell(value);
      });
      return row as T;
    });
  }

  async *stream(sql: string, params?: SqlParams): AsyncIterable<Row[]> {
    const result: DuckDBResult = await this.serial(() =>
      this.connection.stream(sql, ...bound(params)),
    );
    const names = result.deduplicatedColumnNames();
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) return;
      yield chunk.getRows().map((values) => {
        const row: Row = {};
        values.forEach((value, i) => {
          row[names[i] ?? `column${i}`] = toCell(value);
        });
        return row;
      });
    }
  }

  async numericColumns(sql: string, params?: SqlParams): Promise<Record<string, Float64Array>> {
    return this.serial(async () => {
      const result = await this.connection.stream(sql, ...bound(params));
      const names = result.deduplicatedColumnNames();
      const parts: number[][][] = names.map(() => []);
      let rows = 0;
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        rows += chunk.rowCount;
        names.forEach((_, i) => parts[i]?.push(chunk.getColumnValues(i).map(toDouble)));
      }
      const columns: Record<string, Float64Array> = {};
      names.forEach((name, i) => {
        const column = new Float64Array(rows);
        let offset = 0;
        for (const part of parts[i] ?? []) {
          column.set(part, offset);
          offset += part.length;
        }
        columns[name] = column;
      });
      return columns;
    });
  }

  async append(table: string, rows: Iterable<readonly CellScalar[]>): Promise<number> {
    return this.serial(async () => {
      const appender = await this.connection.createAppender(table);
      const writer = DuckDBDataChunkWriter.forAppender(appender, {
        converter: JSToDuckDBValueConverter,
      });
      let count = 0;
      try {
        for (const row of rows) {
          writer.appendRow([...row]);
          count += 1;
        }
        writer.flush();
        appender.closeSync();
      } catch (error) {
        appender.clear();
        throw error;
      }
      return count;
    });
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) throw new Error('transactions do not nest');
    await this.run('BEGIN TRANSACTION');
    this.inTransaction = true;
    try {
      const result = await work();
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  async withMemoryLimit<T>(megabytes: number, work: () => Promise<T>): Promise<T> {
    // DuckDB's limit is instance-wide, and its temporary folder is `<store>.tmp`, beside the
    // store in the project, emptied when the store closes. The limit is restored from how the
    // store was opened: the engine reports it rounded, and setting back what it reports would
    // lower it a little at every call.
    await this.run(`SET memory_limit = $limit`, {
      limit: `${Math.max(1, Math.round(megabytes))}MB`,
    });
    try {
      return await work();
    } finally {
      await this.run(
        this.memoryLimit === null ? 'RESET memory_limit' : 'SET memory_limit = $limit',
        this.memoryLimit === null ? undefined : { limit: this.memoryLimit },
      );
    }
  }

  progress(): number | null {
    const { percentage } = this.connection.progress;
    return percentage >= 0 ? Math.min(1, percentage / 100) : null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** A connection with the session settings every statement of ours assumes. */
async function connect(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const connection = await instance.connect();
  // Stored times are UTC; sessions convert to the project's zone explicitly where needed.
  await connection.run("SET TimeZone = 'UTC'");
  // Progress is only tracked with the progress bar on; ours is drawn by the CLI, not DuckDB.
  await connection.run('SET enable_progress_bar = true');
  await connection.run('SET enable_progress_bar_print = false');
  return connection;
}

function toDouble(value: DuckDBValue): number {
  if (value === null) return NaN;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new Error(`numericColumns read a non-numeric value: ${String(value)}`);
}

/** `bindParams` as the engine's (values, types) arguments. */
function bound(
  params: SqlParams | undefined,
): [Record<string, DuckDBValue>?, Record<string, DuckDBType>?] {
  const result = bindParams(params);
  return result ? [result.values, result.types] : [];
}
