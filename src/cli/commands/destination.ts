import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  addDestination,
  listDestinations,
  removeDestination,
  type DestinationInfo,
  type NewDestination,
} from '../../destinations/destinations.js';
import { ClvError } from '../../shared/errors.js';
import { outputFor, withProjectStore } from '../context.js';
import { table } from '../output.js';

interface AddOptions {
  name: string;
  kind: string;
  config?: string;
  url?: string;
  folder?: string;
  columns?: string;
  secretEnv?: string;
  secretStdin?: boolean;
  disabled?: boolean;
}

/** The config from --config (JSON text or @file) with the shorthand options laid over it. */
async function configOf(options: AddOptions): Promise<Record<string, unknown>> {
  let config: Record<string, unknown> = {};
  if (options.config !== undefined) {
    const text = options.config.startsWith('@')
      ? await readFile(options.config.slice(1), 'utf8')
      : options.config;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ClvError('usage', '--config must be a JSON object or @FILE holding one');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ClvError('usage', '--config must be a JSON object or @FILE holding one');
    }
    config = parsed as Record<string, unknown>;
  }
  if (options.url !== undefined) config['url'] = options.url;
  if (options.folder !== undefined) config['folder'] = options.folder;
  if (options.columns !== undefined) {
    const list = options.columns.split(',').map((c) => c.trim());
    config[options.kind === 'email-list' ? 'fields' : 'columns'] = list;
  }
  return config;
}

/** The secret from an environment variable or stdin: never an argument, which `ps` shows. */
async function secretOf(options: AddOptions): Promise<string | undefined> {
  if (options.secretEnv !== undefined) {
    const value = process.env[options.secretEnv];
    if (!value) throw new ClvError('usage', `the variable ${options.secretEnv} is empty or unset`);
    return value;
  }
  if (!options.secretStdin) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (text === '') throw new ClvError('usage', '--secret-stdin read nothing');
  return text;
}

function describe(destinations: readonly DestinationInfo[]): string {
  if (destinations.length === 0) return 'no destinations yet: clv destination add --help';
  return table([
    ['id', 'name', 'kind', 'enabled', 'secret', 'where', 'created'],
    ...destinations.map((d) => [
      d.id,
      d.name,
      d.kind,
      d.enabled ? 'yes' : 'no',
      d.hasSecret ? 'sealed' : '-',
      typeof d.config['url'] === 'string'
        ? d.config['url']
        : typeof d.config['folder'] === 'string'
          ? d.config['folder']
          : '-',
      d.createdAt,
    ]),
  ]);
}

export function registerDestination(program: Command): void {
  const destination = program
    .command('destination')
    .description('where audiences are sent: CSV folders, signed webhooks, email lists');
  destination
    .command('add')
    .description('add a destination; its secret is stored sealed with .clv/secret.key')
    .requiredOption('--name <name>', 'what to call it')
    .requiredOption('--kind <kind>', 'csv, webhook or email-list')
    .option('--config <json>', "the kind's settings as JSON, or @FILE")
    .option('--url <url>', 'webhook / email-list: where to POST')
    .option('--folder <dir>', 'csv: the folder inside the project the files go to')
    .option(
      '--columns <list>',
      'csv / webhook: columns (customer_id,email,predicted_clv,p_alive,revenue,change); email-list: fields',
    )
    .option('--secret-env <var>', 'read the signing secret / bearer token from this variable')
    .option('--secret-stdin', 'read the signing secret / bearer token from stdin')
    .option('--disabled', 'add it disabled: nothing is sent to it')
    .action(async (options: AddOptions, command: Command) => {
      const output = outputFor(command);
      const input: NewDestination = {
        name: options.name,
        kind: options.kind,
        config: await configOf(options),
        enabled: !options.disabled,
      };
      const secret = await secretOf(options);
      if (secret !== undefined) input.secret = secret;
      const added = await withProjectStore(
        command,
        (project, warehouse) => addDestination(warehouse, project.dir, input, 'local'),
        (server) => server.send<DestinationInfo>('POST', '/destinations', input),
      );
      output.result(added, () => `added ${added.kind} destination ${added.id} (${added.name})`);
    });
  destination
    .command('list')
    .description('list the destinations, without their secrets')
    .action(async (_options: unknown, command: Command) => {
      const output = outputFor(command);
      const destinations = await withProjectStore(
        command,
        (_project, warehouse) => listDestinations(warehouse),
        async (server) =>
          (await server.get<{ destinations: DestinationInfo[] }>('/destinations')).destinations,
      );
      output.result(destinations, () => describe(destinations));
    });
  destination
    .command('remove')
    .description('remove a destination: its activations stop and its secret is erased')
    .argument('<id>', 'the id shown by clv destination list')
    .action(async (id: string, _options: unknown, command: Command) => {
      const output = outputFor(command);
      const removed = await withProjectStore(
        command,
        (_project, warehouse) => removeDestination(warehouse, id),
        (server) =>
          server.send<{ deleted: string }>('DELETE', `/destinations/${encodeURIComponent(id)}`),
      );
      output.result(removed, () => `removed destination ${removed.deleted}`);
    });
}
