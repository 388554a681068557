import type { ImportKind } from './formats.js';
import type { ImportCounts } from './import-record.js';

/** What an import did; read = inserted + duplicates + rejected, always. */
export interface ImportSummary extends ImportCounts {
  file: string;
  kind: ImportKind;
  /** What the person importing should know (the file looks like another kind, say). */
  warnings: string[];
}

/** Where an import is, for a progress bar. `fraction` is of the current step, when known. */
export interface ImportProgress {
  step: string;
  fraction: number | null;
  rows: number | null;
  bytes: number;
  totalBytes: number;
}
