import type { ImportKind } from './formats.js';

/** What an import did; read = inserted + duplicates + rejected, always. */
export interface ImportSummary {
  file: string;
  kind: ImportKind;
  read: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  rejectsFile: string | null;
  seconds: number;
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
