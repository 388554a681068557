import type { SqlParams } from './sql-params.js';

/**
 * Tables whose rows carry the version that added them and the one that retired them (NULL
 * while current): a reader of version v sees the rows added at or before v and not retired by
 * then. A refresh builds the derived tables it can build in part this way (the version is its
 * id, see src/model/versioned-rows.ts): it writes only the rows that changed, and readers of an
 * earlier version see theirs meanwhile. The engine's means (the version columns, updates in
 * place) stay behind this interface.
 */
export interface VersionedTables {
  /** Makes `table` anew from `select` (replacing one of that name), every row added at `version`. */
  build(
    table: string,
    select: string,
    params: SqlParams | undefined,
    version: number,
  ): Promise<void>;
  /**
   * Retires, as of `version`, the current rows of `table` whose `key` is in `keys` (a table
   * with that column), and adds the rows of `select` at `version`.
   */
  replace(
    table: string,
    key: string,
    keys: string,
    select: string,
    params: SqlParams | undefined,
    version: number,
  ): Promise<void>;
  /** A SELECT of the rows of `table` that version `version` sees, with the table's own columns. */
  at(table: string, version: number): string;
  /** Which of these tables exist. */
  existing(tables: readonly string[]): Promise<string[]>;
  /**
   * Keeps only what readers of `version` and later can see: removes the rows of `kept` retired
   * at or before it, and drops every other versioned table.
   */
  forget(kept: readonly string[], version: number): Promise<void>;
}
