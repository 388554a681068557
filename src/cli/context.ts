import type { Command } from 'commander';
import { openProject, type Project } from '../config/project.js';
import { openStore } from '../store/open-store.js';
import { describeAbandoned } from '../store/recover-imports.js';
import type { Warehouse } from '../store/warehouse.js';
import { createOutput, type Output } from './output.js';

export interface GlobalOptions {
  project: string;
  json: boolean;
}

/** The options every command accepts, wherever they stand on the command line. */
export function globalOptions(command: Command): GlobalOptions {
  const options = command.optsWithGlobals<Partial<GlobalOptions>>();
  return { project: options.project ?? '.', json: options.json ?? false };
}

export function outputFor(command: Command): Output {
  return createOutput(globalOptions(command).json);
}

/** Opens the project named by --project and its store for the length of `work`. */
export async function withProjectStore<T>(
  command: Command,
  work: (project: Project, warehouse: Warehouse) => Promise<T>,
): Promise<T> {
  const project = await openProject(globalOptions(command).project);
  const output = outputFor(command);
  const warehouse = await openStore(project, {
    onAbandonedImport: (abandoned) => output.note(`clv: ${describeAbandoned(abandoned)}`),
  });
  try {
    return await work(project, warehouse);
  } finally {
    await warehouse.close();
  }
}
