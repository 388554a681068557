import { stat, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Project } from '../config/project.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { detectFormat, type ImportKind } from './formats.js';
import { importCosts } from './import-costs.js';
import { importCustomers } from './import-customers.js';
import { importEvents } from './import-events.js';
import { importRates } from './import-rates.js';
import type { ImportProgress, ImportSummary } from './import-summary.js';
import type { KindImporter } from './kind-importer.js';
import { writeRejects } from './rejects.js';
import { stageFile } from './stage-file.js';

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
  /** Called as the import moves on; an exception thrown here aborts and rolls back the import. */
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Imports one file in one transaction: every row is inserted, recognised as a duplicate, or
 * written to the rejects file with its line number and reason. A failure leaves no trace.
 */
export async function importFile(
  warehouse: Warehouse,
  project: Project,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = performance.now();
  const file = resolve(options.file);
  const format = detectFormat(file, options.format);
  const totalBytes = await fileSize(file);
  let rows: number | null = null;
  let step = 'reading';
  const report = (fraction: number | null): void => {
    // The file is read while it is staged and validated; later steps work on what was read.
    const reading = step === 'reading' || step === 'validating';
    const bytes = reading ? Math.round((fraction ?? 0) * totalBytes) : totalBytes;
    options.onProgress?.({ step, fraction, rows, bytes, totalBytes });
  };
  // A callback that throws from the timer aborts the import at the next step, not the process.
  let aborted: unknown = null;
  const poll = options.onProgress
    ? setInterval(() => {
        try {
          report(warehouse.progress());
        } catch (error) {
          aborted ??= error;
        }
      }, 200)
    : null;
  const checkAborted = (): void => {
    if (aborted !== null) throw aborted;
  };
  let rejectsFile: string | null = null;
  const stepTo = (name: string): void => {
    checkAborted();
    step = name;
    report(null);
  };
  const tag = `${process.pid}_${(stagingCounter += 1)}`;
  report(0);
  const staged =
    totalBytes === 0 ? null : await stageFile(warehouse, file, format, tag).catch(unreadable(file));
  const importer = importers[options.kind];
  const context = staged && { warehouse, staged, config: project.config, tag };
  try {
    // Staging and validation change no stored data, so they run before the transaction:
    // scratch tables made outside a transaction number their rows 0, 1, 2, … in file order.
    if (context) stepTo('validating');
    const validated = context && (await importer.validate(context).catch(unreadable(file)));
    const counts =
      validated && staged ? await countRows(warehouse, validated, staged.broken) : null;
    rows = counts?.read ?? 0;
    return await warehouse.transaction(async () => {
      const [last] = await warehouse.query<{ id: number }>(
        'SELECT coalesce(max(import_id), 0) + 1 AS id FROM imports',
      );
      const importId = last?.id ?? 1;
      const summary: ImportSummary = {
        file,
        kind: options.kind,
        read: counts?.read ?? 0,
        inserted: 0,
        duplicates: 0,
        rejected: 0,
        rejectsFile: null,
        seconds: 0,
      };
      if (context && validated && counts && staged) {
        stepTo('storing');
        const inserted = await importer.store(context, validated, importId);
        stepTo('writing rejects');
        const candidate = join(project.rejectsDir, `${importId}.csv`);
        const rejected = await writeRejects(
          warehouse,
          [
            `SELECT line, reason, record FROM ${validated} WHERE reason IS NOT NULL`,
            `SELECT line, reason, record FROM ${staged.broken}`,
          ],
          candidate,
        );
        if (rejected > 0) rejectsFile = candidate;
        Object.assign(summary, {
          inserted,
          duplicates: counts.valid - inserted,
          rejected,
          rejectsFile,
        });
      }
      if (summary.read !== summary.inserted + summary.duplicates + summary.rejected) {
        throw new Error(
          `import bookkeeping is off (read ${summary.read}, inserted ${summary.inserted}, ` +
            `duplicates ${summary.duplicates}, rejected ${summary.rejected}); nothing was stored`,
        );
      }
      summary.seconds = Number(((performance.now() - started) / 1000).toFixed(3));
      await recordImport(warehouse, importId, format, summary);
      checkAborted();
      step = 'done';
      report(1);
      return summary;
    });
  } catch (error) {
    if (rejectsFile) await rm(rejectsFile, { force: true });
    throw error;
  } finally {
    if (poll) clearInterval(poll);
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

let stagingCounter = 0;

async function fileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ClvError('usage', `${file} is not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof ClvError) throw error;
    throw new ClvError('usage', `cannot read ${file}: ${(error as Error).message}`);
  }
}

function unreadable(file: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof ClvError) throw error;
    throw new ClvError('bad_input', `cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  };
}

async function recordImport(
  warehouse: Warehouse,
  importId: number,
  format: string,
  summary: ImportSummary,
): Promise<void> {
  await warehouse.run(
    `INSERT INTO imports VALUES ($id, $kind, $file, $format, current_timestamp::TIMESTAMP, $seconds,
       $read, $inserted, $duplicates, $rejected, $rejectsFile)`,
    {
      id: importId,
      kind: summary.kind,
      file: summary.file,
      format,
      seconds: summary.seconds,
      read: summary.read,
      inserted: summary.inserted,
      duplicates: summary.duplicates,
      rejected: summary.rejected,
      rejectsFile: summary.rejectsFile,
    },
  );
}
