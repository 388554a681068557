import type { Command } from 'commander';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadable } from 'node:stream/web';
import type { Project } from '../../config/project.js';
import {
  collectAnswer,
  csvChunks,
  ndjsonChunks,
  type QueryAnswer,
} from '../../query/query-answer.js';
import { querySchema, type QuerySchema } from '../../query/query-schema.js';
import { startQuery, type QueryInput } from '../../query/query-service.js';
import { ensureQuerySnapshot } from '../../query/query-snapshot.js';
import { writeParquetAnswer } from '../../query/parquet-answer.js';
import { ClvError } from '../../shared/errors.js';
import { outputFor, withProjectStore } from '../context.js';
import { describeAnswer, describeSchema, withPosition } from './query-text.js';

const FORMATS = ['table', 'json', 'csv', 'parquet'] as const;
type Format = (typeof FORMATS)[number];

interface QueryFlags {
  format: string;
  param: string[];
  limit?: string;
  output?: string;
  schema?: boolean;
}

/** `--param name=value`, repeated: values stay text, which the engine casts where it compares. */
function paramsOf(pairs: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new ClvError('usage', `--param takes name=value, not "${pair}"`);
    params[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return params;
}

function limitOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ClvError('usage', `--limit must be a whole number of rows, not "${text}"`);
  }
  return limit;
}

/** Where a streamed format goes: the --output file, or standard output. */
function sink(output: string | undefined): Writable {
  return output ? createWriteStream(output) : process.stdout;
}

/** Adds `clv query`: one read-only SQL statement over the tables of the latest refresh. */
export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('run one read-only SQL statement over the tables of the latest refresh')
    .argument('[sql]', 'one SELECT; {{name}} or $name for a parameter given with --param')
    .option('--format <format>', `table, json (JSON lines), csv or parquet`, 'table')
    .option(
      '--param <name=value>',
      'a parameter value (repeat for more)',
      (v, all: string[]) => [...all, v],
      [],
    )
    .option('--limit <rows>', 'rows at most (default query.defaultRows)')
    .option('--output <file>', 'write the rows to this file instead of standard output')
    .option('--schema', 'list the tables, their columns and types instead of running SQL')
    .action(async (sql: string | undefined, flags: QueryFlags, command: Command) => {
      const output = outputFor(command);
      if (flags.schema) {
        const schema = await withProjectStore(
          command,
          async (project, warehouse) =>
            querySchema(await ensureQuerySnapshot(warehouse, project.queryDir)),
          (server) => server.get<QuerySchema>('/query/schema'),
        );
        output.result(schema, () => describeSchema(schema));
        return;
      }
      if (!sql) throw new ClvError('usage', 'give the SQL to run, or --schema for the tables');
      if (!(FORMATS as readonly string[]).includes(flags.format)) {
        throw new ClvError(
          'usage',
          `--format is one of ${FORMATS.join(', ')}, not "${flags.format}"`,
        );
      }
      const format = flags.format as Format;
      if (format === 'parquet' && !flags.output && process.stdout.isTTY) {
        throw new ClvError(
          'usage',
          'Parquet is binary: give --output FILE or redirect standard output',
        );
      }
      const input: QueryInput = { sql, params: paramsOf(flags.param), limit: limitOf(flags.limit) };
      const streamed = !output.json && format !== 'table';
      try {
        await withProjectStore(
          command,
          async (project, warehouse) => {
            const snapshot = await ensureQuerySnapshot(warehouse, project.queryDir);
            // The worker reads the snapshot, not the store: close it first.
            await warehouse.close().catch(() => undefined);
            const query = await startQuery(
              async () => snapshot,
              project.queryDir,
              project.config,
              input,
            );
            if (!streamed) return show(await collectAnswer(query));
            await writeLocal(query, format, flags.output, project);
            const end = query.end();
            if (end.truncated) {
              output.note(
                `clv: the first ${end.rowCount} rows only (truncated: --limit to see more)`,
              );
            }
          },
          async (server) => {
            if (!streamed) return show(await server.send<QueryAnswer>('POST', '/query', input));
            const response = await server.open('/query', {
              ...input,
              format: format === 'json' ? 'ndjson' : format,
            });
            if (response.body) {
              await pipeline(Readable.fromWeb(response.body as WebReadable), sink(flags.output));
            }
          },
        );
      } catch (error) {
        throw withPosition(error);
      }

      function show(answer: QueryAnswer): void {
        output.result(answer, () => describeAnswer(answer));
      }
    });
}

/** Streams the rows of a query run here to the file or standard output, in `format`. */
async function writeLocal(
  query: Awaited<ReturnType<typeof startQuery>>,
  format: Exclude<Format, 'table'>,
  file: string | undefined,
  project: Project,
): Promise<void> {
  if (format === 'parquet') {
    const written = await writeParquetAnswer(query, project.scratchDir);
    try {
      if (file) await copyFile(written, file);
      else await pipeline(createReadStream(written), process.stdout, { end: false });
    } finally {
      await rm(dirname(written), { recursive: true, force: true });
    }
    return;
  }
  const chunks = format === 'csv' ? csvChunks(query) : ndjsonChunks(query);
  await pipeline(Readable.from(chunks), sink(file), { end: file !== undefined });
}
