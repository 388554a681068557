import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { defaultConfigText } from '../../config/default-file.js';
import { loadConfig } from '../../config/load.js';
import { projectPaths, type Project } from '../../config/project.js';
import { openStore } from '../../store/open-store.js';
import { globalOptions, openCommandStore, outputFor } from '../context.js';

/** Creates a project folder with a commented default config and an empty store. */
export async function initProject(
  dir: string,
  command?: Command,
): Promise<{ project: Project; created: boolean }> {
  const paths = projectPaths(dir);
  await mkdir(paths.dir, { recursive: true });
  const created = !existsSync(paths.configFile);
  if (created) await writeFile(paths.configFile, defaultConfigText(), 'utf8');
  const project: Project = { ...paths, config: await loadConfig(paths.configFile) };
  // From a command, a store held by a running server is explained as such.
  const warehouse = command ? await openCommandStore(command, project) : await openStore(project);
  await warehouse.close();
  return { project, created };
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a project: a commented clv.config.json and an empty store')
    .argument('[dir]', 'the project folder (default: --project, or the current folder)')
    .action(async (dir: string | undefined, _options: unknown, command: Command) => {
      const output = outputFor(command);
      const { project, created } = await initProject(
        dir ?? globalOptions(command).project,
        command,
      );
      output.result(
        { project: project.dir, config: project.configFile, store: project.storeFile, created },
        () =>
          created
            ? `created ${project.configFile} and ${project.storeFile}`
            : `${project.configFile} exists: left it as it is; the store is up to date`,
      );
    });
}
