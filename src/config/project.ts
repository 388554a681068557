import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ClvError } from '../shared/errors.js';
import { loadConfig } from './load.js';
import type { Config } from './schema.js';

export const CONFIG_FILE = 'clv.config.json';
export const STORE_FILE = 'clv.duckdb';

/** A project folder: its config and where its files live. */
export interface Project {
  dir: string;
  config: Config;
  configFile: string;
  storeFile: string;
  rejectsDir: string;
  demoDataDir: string;
  /** Files a command reads once and removes (batches, uploads): `<project>/.clv/scratch`. */
  scratchDir: string;
  /** The read-only copy of the published tables that user SQL runs on: `<project>/.clv/query`. */
  queryDir: string;
}

/** Paths of a project folder, whether or not it exists yet. */
export function projectPaths(dir: string): Omit<Project, 'config'> {
  const root = resolve(dir);
  return {
    dir: root,
    configFile: join(root, CONFIG_FILE),
    storeFile: join(root, STORE_FILE),
    rejectsDir: join(root, 'rejects'),
    demoDataDir: join(root, 'demo-data'),
    scratchDir: join(root, '.clv', 'scratch'),
    queryDir: join(root, '.clv', 'query'),
  };
}

/** Opens an existing project; a folder with neither config nor store is an error. */
export async function openProject(dir: string): Promise<Project> {
  const paths = projectPaths(dir);
  if (!existsSync(paths.configFile) && !existsSync(paths.storeFile)) {
    throw new ClvError(
      'usage',
      `no clv project in ${paths.dir}: run \`clv init ${dir}\` first, or pass --project DIR`,
    );
  }
  return { ...paths, config: await loadConfig(paths.configFile) };
}
