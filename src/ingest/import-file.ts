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
    const bytes = step === 'reading' ? Math.round((fraction ?? 0) * totalBytes) : totalBytes;
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
  // Staging happens before the transaction: scratch tables are private to this connection,
  // and rows staged outside a transaction keep their file order as 0-based row ids.
  const tag = `${process.pid}_${(stagingCounter += 1)}`;
  report(0);
  const staged =
    totalBytes === 0 ? null : await stageFile(warehouse, file, format, tag).catch(unreadable(file));
  try {
    return await warehouse.transaction(async () => {
      const [last] = await warehouse.query<{ id: number }>(
        'SELECT coalesce(max(import_id), 0) + 1 AS id FROM imports',
      );
      const importId = last?.id ?? 1;
      const summary: ImportSummary = {
        file,
        kind: options.kind,
        read: staged?.read ?? 0,
        inserted: 0,
        duplicates: 0,
        rejected: 0,
        rejectsFile: null,
        seconds: 0,
      };
      if (staged) {
        rows = staged.read;
        const stepTo = (name: string): void => {
          checkAborted();
          step = name;
          report(null);
        };
        const result = await importers[options.kind]({
          warehouse,
          staged,
          config: project.config,
          importId,
          tag,
          step: stepTo,
        });
        stepTo('writing rejects');
        const candidate = join(project.rejectsDir, `${importId}.csv`);
        const rejected = await writeRejects(
          warehouse,
          [result.rejects, `SELECT line, reason, record FROM ${staged.broken}`],
          candidate,
        );
        if (rejected > 0) rejectsFile = candidate;
        Object.assign(summary, {
          inserted: result.inserted,
          duplicates: result.valid - result.inserted,
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
