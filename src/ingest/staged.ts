/**
 * A file loaded into the store's scratch space, ready to be validated by SQL. Rows whose
 * structure is broken (a CSV line with the wrong number of fields, a line that is not JSON)
 * are kept apart in `broken` with their reason, so that nothing read is lost.
 */
export interface Staged {
  /** Relation of readable rows, with `__line`, the row's line number in the file. */
  relation: string;
  /** Field names the file is known to have; null when rows may differ (NDJSON). */
  columns: readonly string[] | null;
  /** The field names of the file, or of its first lines when rows may differ. */
  sampleFields(): Promise<readonly string[]>;
  /** SQL for a field's text: trimmed, NULL when absent or empty. */
  field(name: string): string;
  /** SQL for a JSON object of every field not named in `exclude`, NULL when none is left. */
  properties(exclude: readonly string[]): string;
  /** Select items that carry the raw row through derived tables, for `record`. */
  carry: string;
  /** Names of the carried columns. */
  carried: readonly string[];
  /** SQL over the carried columns: the row as it stood in the file, for the rejects file. */
  record: string;
  /** SQL for a stable hash of the row's content, used as its id when the file has none. */
  hash: string;
  /** Relation of unreadable rows: `line`, `reason`, `record`. */
  broken: string;
  /** Drops the scratch tables and views. */
  drop(): Promise<void>;
}
