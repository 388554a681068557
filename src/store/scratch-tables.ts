import type { SqlParams } from './sql-params.js';

/** A scratch column's type, which each engine spells its own way (DuckDB: VARCHAR, INTEGER, …). */
export type ScratchType =
  'text' | 'integer' | 'bigint' | 'double' | 'boolean' | 'timestamp' | 'date';

/** A scratch table's columns, in order (the order `append` fills them in). */
export type ScratchColumns = readonly (readonly [name: string, type: ScratchType])[];

/**
 * A task's working tables: its connection's own (no other connection or process sees them),
 * gone when that connection closes, and spared the durability stored tables pay for. How they
 * are made is the engine's (DuckDB: temp tables; ClickHouse: a session's temporary tables).
 * Their names are spliced into statements: plain lower-case identifiers only, as
 * `scratchTag()` gives them; any other name is refused.
 */
export interface ScratchTables {
  /** The rows of `select` as the scratch table `name`, replacing one of that name. */
  fromQuery(name: string, select: string, params?: SqlParams): Promise<void>;
  /** The empty scratch table `name` with `columns`, replacing one of that name. */
  withColumns(name: string, columns: ScratchColumns): Promise<void>;
  /** Drops the scratch table `name`, if there is one. */
  drop(name: string): Promise<void>;
}
