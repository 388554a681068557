import type { ImportKind } from '../../src/ingest/formats.js';
import { importFile } from '../../src/ingest/import-file.js';
import { refresh } from '../../src/model/refresh.js';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { tempProject, type TempProject } from './temp-project.js';

export interface ShopFile {
  kind: ImportKind;
  /** The file's text, a CSV with its header unless `name` says otherwise. */
  content: string;
  /** Its name in the project folder (default `<kind>.csv`). */
  name?: string;
}

export interface ShopOptions {
  /** Written as `clv.config.json` before the project is made. */
  config?: object;
  /** Imported in this order through the normal import path. */
  files: readonly (ShopFile | null | undefined | false)[];
  /** `derived`: the derived tables; `all`: with the models too; `none` (default): no refresh. */
  refresh?: 'none' | 'derived' | 'all';
  /** Whether a rejected row is part of the fixture (default: it fails the fixture). */
  rejects?: 'allowed';
}

/**
 * A temp project holding these files, imported and refreshed as asked: what a test of
 * metrics, models or reports starts from. A row the import rejects fails here, naming the
 * file, so that a typo in a fixture does not pass as a figure.
 */
export async function importedShop(options: ShopOptions): Promise<TempProject> {
  const t = await tempProject(options.config);
  try {
    for (const file of options.files) {
      if (!file) continue;
      const name = file.name ?? `${file.kind}.csv`;
      const path = await t.file(name, file.content);
      const summary = await importFile(t.warehouse, t.project, { file: path, kind: file.kind });
      if (summary.rejected > 0 && options.rejects !== 'allowed') {
        const reasons = await t.rejects(summary.rejectsFile);
        throw new Error(`the fixture ${name} has rejected rows: ${JSON.stringify(reasons)}`);
      }
    }
    if (options.refresh === 'derived') await refresh(t.warehouse, t.project.config);
    if (options.refresh === 'all') await refreshAll(t.warehouse, t.project.config);
    return t;
  } catch (error) {
    await t.cleanup();
    throw error;
  }
}
