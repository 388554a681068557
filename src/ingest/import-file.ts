import { rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Project } from '../config/project.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { detectFormat, type ImportKind } from './formats.js';
import { importCosts } from './import-costs.js';
import { importCustomers } from './import-customers.js';
import { importEvents } from './import-events.js';
import { ImportProgressTracker } from './import-progress.js';
import { importRates } from './import-rates.js';
import type { ImportProgress, ImportSummary } from './import-summary.js';
import type { KindImporter } from './kind-importer.js';
import { finishImportRecord, startImportRecord } from './import-record.js';
import { checkKind } from './kind-check.js';
import { writeRejects } from './rejects.js';
import { unopenable, unreadableFile } from './read-errors.js';
import type { Staged } from '../store/staged.js';

const importers: Record<ImportKind, KindImporter> = {
  events: importEvents,
  customers: importCustomers,
  costs: importCosts,
  rates: importRates,
};

export interface ImportOptions {
  file: string;
  kind: ImportKind;
  format?: string;
  /** How messages name the file (default: its path): an upload's own name, say. */
  name?: string;
  /** Called as the import moves on; an exception thrown here aborts and rolls back the import. */
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Imports one file in one transaction: every row is inserted, recognised as a duplicate, or
 * written to the rejects file with its line number and reason. A failure leaves no trace.
 * The engine's memory is held to `import.memoryLimitMb` meanwhile: a file of any size stages,
 * validates and stores through the store's temporary folder rather than all in memory.
 */
export async function importFile(
  warehouse: Warehouse,
  project: Project,
  options: ImportOptions,
): Promise<ImportSummary> {
  return warehouse.withMemoryLimit(project.config.import.memoryLimitMb, () =>
    importWithin(warehouse, project, options),
  );
}

async function importWithin(
  warehouse: Warehouse,
  project: Project,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = performance.now();
  const file = resolve(options.file);
  const name = options.name ?? options.file;
  const format = detectFormat(options.name ?? file, options.format);
  const totalBytes = await fileSize(file, name);
  const unreadable = unreadableFile(file, name, format);
  const progress = new ImportProgressTracker(warehouse, totalBytes, options.onProgress);
  const summary: ImportSummary = {
    // An upload is known by its sender's name for it: the server's scratch copy goes when done.
    file: options.name ?? file,
    kind: options.kind,
    read: 0,
    inserted: 0,
    duplicates: 0,
    rejected: 0,
    rejectsFile: null,
    seconds: 0,
    warnings: [],
  };
  const tag = warehouse.scratchTag();
  let staged: Staged | null = null;
  // The validated rows are a scratch table of the connection: a long-running server must not
  // keep one per import.
  let validated: string | null = null;
  try {
    // Staging and validation change no stored data, so they run before the transaction:
    // scratch tables made outside a transaction number their rows 0, 1, 2, … in file order.
    const source = { file, name, scratchDir: project.scratchDir };
    staged =
      totalBytes === 0 ? null : await warehouse.staging.file(source, format, tag).catch(unreadable);
    const importer = importers[options.kind];
    if (staged) {
      summary.warnings = checkKind(options.kind, await staged.sampleFields(), project.config, name);
    }
    const context = staged && { warehouse, staged, config: project.config, tag };
    progress.enter('validating');
    validated = context && (await importer.validate(context).catch(unreadable));
    const table = validated;
    const counts = staged && table ? await countRows(warehouse, table, staged.broken) : null;
    summary.read = counts?.read ?? 0;
    progress.setRows(summary.read);
    return await warehouse.transaction(async () => {
      // The import's row comes first, in the same transaction as its rows: whatever the engine
      // brings back after a kill, rows without their import's row are removed when the store
      // is next opened (src/store/recover-imports.ts).
      const importId = await startImportRecord(warehouse, {
        kind: options.kind,
        file: summary.file,
        format,
        read: summary.read,
      });
      if (context && table && counts) {
        progress.enter('storing');
        summary.inserted = await importer.store(context, table, importId);
        summary.duplicates = counts.valid - summary.inserted;
        progress.enter('writing rejects');
        const rejectsFile = join(project.rejectsDir, `${importId}.csv`);
        summary.rejected = await writeRejects(
          warehouse,
          [
            `SELECT line, reason, record FROM ${table} WHERE reason IS NOT NULL`,
            `SELECT line, reason, record FROM ${context.staged.broken}`,
          ],
          rejectsFile,
        );
        if (summary.rejected > 0) summary.rejectsFile = rejectsFile;
      }
      if (summary.read !== summary.inserted + summary.duplicates + summary.rejected) {
        throw new Error(
          `import bookkeeping is off (read ${summary.read}, inserted ${summary.inserted}, ` +
            `duplicates ${summary.duplicates}, rejected ${summary.rejected}); nothing was stored`,
        );
      }
      summary.seconds = Number(((performance.now() - started) / 1000).toFixed(3));
      await finishImportRecord(warehouse, importId, summary);
      progress.enter('done');
      return summary;
    });
  } catch (error) {
    if (summary.rejectsFile) await rm(summary.rejectsFile, { force: true });
    throw error;
  } finally {
    progress.stop();
    if (validated) await warehouse.scratch.drop(validated);
    await staged?.drop();
  }
}

/** Rows read (readable and not) and the readable ones that passed validation. */
async function countRows(
  warehouse: Warehouse,
  validated: string,
  broken: string,
): Promise<{ read: number; valid: number }> {
  const [row] = await warehouse.query<{ readable: number; valid: number; unreadable: number }>(
    `SELECT count(*) AS readable, count(*) FILTER (WHERE reason IS NULL) AS valid,
            (SELECT count(*) FROM ${broken}) AS unreadable
     FROM ${validated}`,
  );
  return { read: (row?.readable ?? 0) + (row?.unreadable ?? 0), valid: row?.valid ?? 0 };
}

async function fileSize(file: string, name: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ClvError('usage', `cannot read ${name}: it is not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof ClvError) throw error;
    throw unopenable(name, error);
  }
}
