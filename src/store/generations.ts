/**
 * How a refresh builds its tables apart from the published ones and publishes them at once,
 * without the caller knowing the engine's means (on DuckDB: a schema per generation, the search
 * path, views in `main` replaced in one transaction). A generation's tables are named
 * `<generation>.<table>`; once published, readers find them as `main.<table>` (or plain
 * `<table>`) and see either the previous generation or this one, never half of each.
 */
export interface Generations {
  /** Makes the empty generation `name`, first dropping a leftover of that name. */
  create(name: string): Promise<void>;
  /**
   * Runs `work` with plain table names resolving to the generation's tables first, then to the
   * published ones (derived tables read each other by plain name); restored whatever the end.
   */
  readingFirst<T>(name: string, work: () => Promise<T>): Promise<T>;
  /**
   * Points the published names of `tables` at the generation's tables and runs `alongside` (a
   * log row, say) in the same transaction: all of it takes effect, or none.
   */
  publish(name: string, tables: readonly string[], alongside: () => Promise<void>): Promise<void>;
  /** Drops the generation `name` and its tables, if it exists. */
  drop(name: string): Promise<void>;
  /** Drops every generation whose name starts with `prefix`, but `keep`. */
  dropAllBut(prefix: string, keep: string): Promise<void>;
}
