import type { Command } from 'commander';
import { initProject } from '../../config/init-project.js';
import { globalOptions, openCommandStore, outputFor } from '../context.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a project: a commented clv.config.json and an empty store')
    .argument('[dir]', 'the project folder (default: --project, or the current folder)')
    .action(async (dir: string | undefined, _options: unknown, command: Command) => {
      const output = outputFor(command);
      const { project, created } = await initProject(
        dir ?? globalOptions(command).project,
        (project) => openCommandStore(command, project),
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
