import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import {
  createSavedQuery,
  deleteSavedQuery,
  editSavedQuery,
  getSavedQuery,
  listSavedQueries,
  mergedFields,
  type SavedQuery,
  type SavedQueryInput,
} from '../../query/saved-queries.js';
import { checkStatement, runSaved, withTemplate } from '../../query/saved-query-runs.js';
import { ensureQuerySnapshot } from '../../query/query-snapshot.js';
import { LOCAL_OWNER } from '../../segments/audiences.js';
import { outputFor, withProjectStore } from '../context.js';
import { paramsOf, runAndPrint, runOptions, type RunFlags } from './query-run.js';
import { describeSavedQueries, describeSavedQuery, withPosition } from './query-text.js';

interface SaveFlags {
  name?: string;
  description?: string;
  sql?: string;
  file?: string;
  dataset?: string;
  noDataset?: boolean;
  default: string[];
  template?: string;
}

const collect = (value: string, all: string[]) => [...all, value];

/** The work's result, or its SQL error with the line and column in words. */
async function positioned<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw withPosition(error);
  }
}

/** The fields the save flags set; the SQL from --sql or --file. */
async function inputOf(flags: SaveFlags): Promise<SavedQueryInput & { template?: string }> {
  const sql = flags.file === undefined ? flags.sql : await readFile(flags.file, 'utf8');
  const input: SavedQueryInput & { template?: string } = {};
  if (flags.name !== undefined) input.name = flags.name;
  if (flags.description !== undefined) input.description = flags.description;
  if (sql !== undefined) input.sql = sql;
  if (flags.default.length > 0) input.defaults = paramsOf(flags.default, true);
  if (flags.dataset !== undefined) input.dataset = flags.dataset;
  if (flags.noDataset) input.dataset = null;
  if (flags.template !== undefined) input.template = flags.template;
  return input;
}

function saveOptions(command: Command): Command {
  return command
    .option('--name <name>', 'its name (unique)')
    .option('--description <text>', 'what it answers')
    .option('--sql <sql>', 'the statement; {{name}} for a parameter')
    .option('--file <file>', 'read the statement from this file')
    .option('--dataset <name>', 'materialise it after every refresh into dataset_<name>')
    .option('--default <name=value>', 'the value of a parameter when none is given', collect, []);
}

/** Adds `clv queries list|show|save|edit|run|delete`: saved statements and datasets. */
export function registerQueries(program: Command): void {
  const queries = program
    .command('queries')
    .description(
      'saved queries: statements with parameters, run by id; datasets remade at refresh',
    );

  queries
    .command('list', { isDefault: true })
    .description('every saved query, newest first')
    .action(async (_flags: unknown, command: Command) => {
      const list = await withProjectStore(
        command,
        (_project, warehouse) => listSavedQueries(warehouse),
        async (server) => (await server.get<{ queries: SavedQuery[] }>('/queries')).queries,
      );
      outputFor(command).result({ queries: list }, () => describeSavedQueries(list));
    });

  queries
    .command('show')
    .description('one saved query: its SQL, parameters, defaults and dataset')
    .argument('<id>', 'the saved query id (qry_…)')
    .action(async (id: string, _flags: unknown, command: Command) => {
      const saved = await positioned(
        withProjectStore(
          command,
          (_project, warehouse) => getSavedQuery(warehouse, id),
          (server) => server.get<SavedQuery>(`/queries/${encodeURIComponent(id)}`),
        ),
      );
      outputFor(command).result(saved, () => describeSavedQuery(saved));
    });

  saveOptions(queries.command('save'))
    .description('save a query (checked on the latest refresh first), or a template: clv-deciles')
    .option('--template <key>', 'start from a shipped template (clv-deciles)')
    .action(async (flags: SaveFlags, command: Command) => {
      const input = withTemplate(await inputOf(flags));
      const saved = await positioned(
        withProjectStore(
          command,
          async (project, warehouse) => {
            await checkStatement(
              () => ensureQuerySnapshot(warehouse, project.queryDir, project.config.query),
              project.queryDir,
              project.config,
              input.sql ?? '',
              input.defaults ?? {},
            );
            return createSavedQuery(warehouse, input, LOCAL_OWNER);
          },
          (server) => server.send<SavedQuery>('POST', '/queries', input),
        ),
      );
      outputFor(command).result(saved, () => describeSavedQuery(saved));
    });

  saveOptions(queries.command('edit'))
    .description('save the next version of a query; options not given keep their value')
    .argument('<id>', 'the saved query id')
    .option('--no-dataset', 'no longer materialise it (its dataset is dropped)')
    .action(async (id: string, given: SaveFlags, command: Command) => {
      const flags = given as Omit<SaveFlags, 'dataset'> & { dataset?: string | false };
      // commander's --no-dataset sets dataset to false.
      const input = await inputOf({
        ...flags,
        dataset: typeof flags.dataset === 'string' ? flags.dataset : undefined,
        noDataset: flags.dataset === false,
      });
      const saved = await positioned(
        withProjectStore(
          command,
          async (project, warehouse) => {
            const next = mergedFields(await getSavedQuery(warehouse, id), input);
            await checkStatement(
              () => ensureQuerySnapshot(warehouse, project.queryDir, project.config.query),
              project.queryDir,
              project.config,
              next.sql,
              next.defaults,
            );
            return editSavedQuery(warehouse, id, input, LOCAL_OWNER);
          },
          (server) => server.send<SavedQuery>('POST', `/queries/${encodeURIComponent(id)}`, input),
        ),
      );
      outputFor(command).result(saved, () => describeSavedQuery(saved));
    });

  runOptions(
    queries
      .command('run')
      .description('run a saved query, with --param values over its defaults')
      .argument('<id>', 'the saved query id'),
  ).action(async (id: string, flags: RunFlags, command: Command) => {
    await runAndPrint(command, flags, {
      start: async (project, warehouse, snapshot, run) =>
        runSaved(
          snapshot,
          project.queryDir,
          project.config,
          await getSavedQuery(warehouse, id),
          run,
        ),
      remote: (run) => ({ path: `/queries/${encodeURIComponent(id)}/run`, body: run }),
    });
  });

  queries
    .command('delete')
    .description('delete a saved query and the dataset it made')
    .argument('<id>', 'the saved query id')
    .action(async (id: string, _flags: unknown, command: Command) => {
      const deleted = await withProjectStore(
        command,
        (_project, warehouse) => deleteSavedQuery(warehouse, id),
        (server) =>
          server.send<{ deleted: string }>('DELETE', `/queries/${encodeURIComponent(id)}`),
      );
      outputFor(command).result(deleted, () => `deleted ${deleted.deleted}`);
    });
}
