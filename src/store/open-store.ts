import type { Project } from '../config/project.js';
import { DuckDbWarehouse, type DuckDbOptions } from './duckdb/duckdb-warehouse.js';
import { migrate } from './migrate.js';
import { recoverImports, type AbandonedImport } from './recover-imports.js';
import { sweepScratch } from './scratch-files.js';
import type { Warehouse } from './warehouse.js';

export interface OpenStoreOptions extends DuckDbOptions {
  /** Told of each import a killed process left half written, which opening undid. */
  onAbandonedImport?: (abandoned: AbandonedImport) => void;
}

/**
 * Opens the project's store, brings its schema up to date, and undoes any import that a
 * process killed while committing it left half written (see `recoverImports`). Holding the
 * store, no other process can be at work on the project, so what killed ones left in its
 * scratch folder goes.
 */
export async function openStore(
  project: Project,
  options: OpenStoreOptions = {},
): Promise<Warehouse> {
  const warehouse = await DuckDbWarehouse.open(project.storeFile, options);
  try {
    await sweepScratch(project.scratchDir, project.dir);
    await migrate(warehouse);
    const abandoned = await recoverImports(warehouse, project.rejectsDir);
    for (const item of abandoned) options.onAbandonedImport?.(item);
  } catch (error) {
    await warehouse.close();
    throw error;
  }
  return warehouse;
}

/** Opens a store for the length of `work` and always closes it. */
export async function withStore<T>(
  project: Project,
  work: (warehouse: Warehouse) => Promise<T>,
): Promise<T> {
  const warehouse = await openStore(project);
  try {
    return await work(warehouse);
  } finally {
    await warehouse.close();
  }
}
