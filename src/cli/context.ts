import type { Command } from 'commander';
import { openProject, type Project } from '../config/project.js';
import { ClvError } from '../shared/errors.js';
import { openStore } from '../store/open-store.js';
import { describeAbandoned } from '../store/recover-imports.js';
import { StoreHeldError } from '../store/store-held.js';
import type { Warehouse } from '../store/warehouse.js';
import { createOutput, type Output } from './output.js';
import { remoteServer, type RemoteServer } from './remote-server.js';
import { liveServer } from './server-file.js';

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

/** The same work through the API of the `clv serve` that holds the store. */
export type RemoteWork<T> = (server: RemoteServer, project: Project) => Promise<T>;

/**
 * Opens the project named by --project and its store for the length of `work`. When a running
 * `clv serve` holds the store, `remote` sends the work to its API instead; a command without
 * a `remote` says to stop the server.
 */
export async function withProjectStore<T>(
  command: Command,
  work: (project: Project, warehouse: Warehouse) => Promise<T>,
  remote?: RemoteWork<T>,
): Promise<T> {
  const project = await openProject(globalOptions(command).project);
  let warehouse: Warehouse;
  try {
    warehouse = await openNoting(command, project);
  } catch (error) {
    if (!(error instanceof StoreHeldError)) throw error;
    return forward(command, project, error, remote);
  }
  try {
    return await work(project, warehouse);
  } finally {
    await warehouse.close();
  }
}

/**
 * Opens the project's store for a command that works on it directly; when a running
 * `clv serve` holds it, the error says to stop that server.
 */
export async function openCommandStore(command: Command, project: Project): Promise<Warehouse> {
  try {
    return await openNoting(command, project);
  } catch (error) {
    if (!(error instanceof StoreHeldError)) throw error;
    return forward<Warehouse>(command, project, error, undefined);
  }
}

function openNoting(command: Command, project: Project): Promise<Warehouse> {
  const output = outputFor(command);
  return openStore(project, {
    onAbandonedImport: (abandoned) => output.note(`clv: ${describeAbandoned(abandoned)}`),
  });
}

async function forward<T>(
  command: Command,
  project: Project,
  held: StoreHeldError,
  remote: RemoteWork<T> | undefined,
): Promise<T> {
  const line = await liveServer(project.dir);
  // Held by something else than a server we know of (or one that stopped answering).
  if (!line) throw held;
  if (!remote) {
    throw new ClvError(
      'failure',
      `clv serve (process ${line.pid}, ${line.url}) holds the store and \`${commandPath(command)}\` cannot be sent to its API: stop the server, then run the command again`,
    );
  }
  return remote(remoteServer(line), project);
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}
