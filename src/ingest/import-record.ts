import type { Warehouse } from '../store/warehouse.js';
import type { FileFormat, ImportKind } from './formats.js';

/** What an import did, as its row in `imports` keeps it. */
export interface ImportCounts {
  read: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  rejectsFile: string | null;
  seconds: number;
}

/**
 * Writes the `imports` row of a new import and returns its id; call it inside the import's
 * transaction, before its rows. The id is above every import recorded or abandoned (see
 * `recoverImports`), so an id whose rows were once removed is never given out again.
 */
export async function startImportRecord(
  warehouse: Warehouse,
  source: { kind: ImportKind; file: string; format: FileFormat; read: number },
): Promise<number> {
  const [row] = await warehouse.query<{ id: number }>(
    `SELECT greatest((SELECT coalesce(max(import_id), 0) FROM imports),
                     (SELECT coalesce(max(import_id), 0) FROM abandoned_imports)) + 1 AS id`,
  );
  const id = row?.id ?? 1;
  await warehouse.run(
    `INSERT INTO imports (import_id, kind, file, format, started_at, seconds, rows_read, inserted,
       duplicates, rejected, rejects_file)
     VALUES ($id, $kind, $file, $format, current_timestamp::TIMESTAMP, 0, $read, 0, 0, 0, NULL)`,
    { id, kind: source.kind, file: source.file, format: source.format, read: source.read },
  );
  return id;
}

/** Fills in the counts of an import's row, in the same transaction as `startImportRecord`. */
export async function finishImportRecord(
  warehouse: Warehouse,
  importId: number,
  counts: ImportCounts,
): Promise<void> {
  await warehouse.run(
    `UPDATE imports SET seconds = $seconds, rows_read = $read, inserted = $inserted,
       duplicates = $duplicates, rejected = $rejected, rejects_file = $rejectsFile
     WHERE import_id = $id`,
    {
      id: importId,
      seconds: counts.seconds,
      read: counts.read,
      inserted: counts.inserted,
      duplicates: counts.duplicates,
      rejected: counts.rejected,
      rejectsFile: counts.rejectsFile,
    },
  );
}
