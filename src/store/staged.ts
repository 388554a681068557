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

/** The formats a file can be staged from. */
export type StagedFormat = 'csv' | 'ndjson' | 'parquet';

/** Where a file is read from, and how messages call it. */
export interface StageSource {
  file: string;
  /** The file as messages name it (an upload's own name, not where the server keeps it). */
  name: string;
  /** A folder for scratch files of this project. */
  scratchDir: string;
}

/** What validation will ask of staged values: the fields it reads, the properties it builds. */
export interface ValuesShape {
  fields: readonly string[];
  /** Each list of names `properties` will be called with. */
  exclusions: readonly (readonly string[])[];
}

/**
 * How the engine reads a user's data into scratch tables for validation: files with its own
 * readers, and batches of JS values (an HTTP ingest) as the lines of an NDJSON file would be.
 */
export interface FileStaging {
  file(source: StageSource, format: StagedFormat, tag: string): Promise<Staged>;
  values(
    values: readonly unknown[],
    shape: ValuesShape,
    tag: string,
    scratchDir: string,
  ): Promise<Staged>;
}
