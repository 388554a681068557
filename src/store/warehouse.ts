import type { Generations } from './generations.js';
import type { ScratchTables } from './scratch-tables.js';
import type { FileStaging } from './staged.js';
import type { SqlDialect } from './sql-dialect.js';
import type { VersionedTables } from './versioned-tables.js';
import type { SqlParams } from './sql-params.js';

export type { SqlParams, SqlValue } from './sql-params.js';

/** A single value appended to a table. */
export type CellScalar = string | number | boolean | null;

/** A value read back: numbers, text, booleans, null, and ISO strings for dates and times. */
export type CellValue =
  string | number | boolean | null | CellValue[] | { [key: string]: CellValue };
export type Row = Record<string, CellValue>;

/**
 * The store as the rest of the product sees it. An engine is one implementation of this;
 * callers never touch the engine's own API, so a second engine is a folder, not a rewrite.
 */
export interface Warehouse {
  /** The engine's spelling of the expressions whose spelling differs between engines. */
  readonly dialect: SqlDialect;
  /** A refresh's tables, built apart from the published ones and published at once. */
  readonly generations: Generations;
  /** A task's working tables, its connection's own. */
  readonly scratch: ScratchTables;
  /** How a user's files and batches are read into scratch tables for validation. */
  readonly staging: FileStaging;
  /** Tables whose rows carry versions: what a refresh builds in part (see versioned-tables.ts). */
  readonly versioned: VersionedTables;
  /**
   * Runs one statement (or several separated by `;` when there are no parameters) and returns
   * the number of rows it inserted, updated or deleted.
   */
  run(sql: string, params?: SqlParams): Promise<number>;
  /** Runs a query and reads every row into plain objects: keep it for small, aggregated results. */
  query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]>;
  /** Runs a query and yields its rows a chunk at a time. */
  stream(sql: string, params?: SqlParams): AsyncIterable<Row[]>;
  /**
   * Runs a query whose columns are all numeric and reads them as arrays of doubles (NULL is
   * NaN): the fast way to hand many rows to numeric code.
   */
  numericColumns(sql: string, params?: SqlParams): Promise<Record<string, Float64Array>>;
  /** Appends rows, in the table's column order, through the engine's bulk path. */
  append(table: string, rows: Iterable<readonly CellScalar[]>): Promise<number>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Another connection to the same store, with its own statements and transactions (what a
   * server gives each kind of work so that a long refresh does not hold up reads). Closing it
   * leaves the store open; close the forks before the original.
   */
  fork(): Promise<Warehouse>;
  /**
   * A name part no other piece of scratch work of this process uses, for the temp tables and
   * scratch files of one task (`import_<tag>`, `import_<tag>_broken`, …). Forks share the count.
   */
  scratchTag(): string;
  /**
   * Runs `work` with the name of a scratch table of its own (`<prefix>_<tag>`, which `work`
   * creates through `scratch`), and drops that table afterwards whether `work` resolves or throws.
   */
  withScratchTable<T>(prefix: string, work: (table: string) => Promise<T>): Promise<T>;
  /**
   * Runs `work` with the engine's memory held to `megabytes`: beyond it, scratch tables and
   * large operators spill to the store's temporary folder. The limit is the engine's, not the
   * connection's (other connections share it meanwhile); the one before is restored after.
   */
  withMemoryLimit<T>(megabytes: number, work: () => Promise<T>): Promise<T>;
  /** Share of the running statement done, 0..1, or null when the engine cannot tell. */
  progress(): number | null;
  close(): Promise<void>;
}
