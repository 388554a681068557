import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { openStore } from '../store/open-store.js';
import type { Warehouse } from '../store/warehouse.js';
import { defaultConfigText } from './default-file.js';
import { loadConfig } from './load.js';
import { projectPaths, type Project } from './project.js';

/**
 * Creates a project folder with a commented default config and an empty store; on a folder
 * that is a project already, leaves the config as it is and brings the store up to date.
 */
export async function initProject(
  dir: string,
  /** How to open the store (a command explains a store held by a running server its own way). */
  open: (project: Project) => Promise<Warehouse> = openStore,
): Promise<{ project: Project; created: boolean }> {
  const paths = projectPaths(dir);
  await mkdir(paths.dir, { recursive: true });
  const created = !existsSync(paths.configFile);
  if (created) await writeFile(paths.configFile, defaultConfigText(), 'utf8');
  const project: Project = { ...paths, config: await loadConfig(paths.configFile) };
  const warehouse = await open(project);
  await warehouse.close();
  return { project, created };
}
