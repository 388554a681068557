/**
 * A file loaded into the store's scratch space, ready to be validated by SQL. Rows whose
 * structure is broken (a CSV line with the wrong number of fields, a line that is not JSON)
 * are kept apart in `broken` with their reason, so that nothing read is lost.
 */
export interface Staged {
  /** Relation of readable rows, with `__line` (line number in the file) and the source fields. */
  relation: string;
  /** Relation of unreadable rows: `line`, `reason`, `record`. */
  broken: string;
  /** Count of rows read, readable and not. */
  read: number;
  /** Field names the file is known to have; null when rows may differ (NDJSON). */
  columns: readonly string[] | null;
  /** SQL for a field's text: trimmed, NULL when absent or empty. */
  field(name: string): string;
  /** SQL for a JSON object of every field not named in `exclude`, NULL when none is left. */
  properties(exclude: readonly string[]): string;
  /** SQL for the row as it stood in the file, for the rejects file. */
  record: string;
  /** SQL for a stable hash of the row's content, used as its id when the file has none. */
  hash: string;
  /** Drops the scratch tables. */
  drop(): Promise<void>;
}
