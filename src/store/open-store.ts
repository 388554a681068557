import type { Project } from '../config/project.js';
import { DuckDbWarehouse, type DuckDbOptions } from './duckdb/duckdb-warehouse.js';
import { migrate } from './migrate.js';
import { sweepScratch } from './scratch-files.js';
import type { Warehouse } from './warehouse.js';

/**
 * Opens the project's store, bringing its schema up to date. Holding it, no other process can
 * be at work on the project, so what killed ones left in its scratch folder goes.
 */
export async function openStore(project: Project, options: DuckDbOptions = {}): Promise<Warehouse> {
  const warehouse = await DuckDbWarehouse.open(project.storeFile, options);
  try {
    await sweepScratch(project.scratchDir, project.dir);
    await migrate(warehouse);
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
