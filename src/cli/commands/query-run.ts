import type { Command } from 'commander';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadable } from 'node:stream/web';
import type { Project } from '../../config/project.js';
import { writeParquetAnswer } from '../../query/parquet-answer.js';
import {
  collectAnswer,
  csvChunks,
  ndjsonChunks,
  type QueryAnswer,
} from '../../query/query-answer.js';
import type { ParamValue } from '../../query/query-placeholders.js';
import type { StartedQuery } from '../../query/query-service.js';
import { ensureQuerySnapshot, type SnapshotMeta } from '../../query/query-snapshot.js';
import { ClvError } from '../../shared/errors.js';
import type { Warehouse } from '../../store/warehouse.js';
import { outputFor, withProjectStore } from '../context.js';
import { describeAnswer, withPosition } from './query-text.js';

export const FORMATS = ['table', 'json', 'csv', 'parquet'] as const;
type Format = (typeof FORMATS)[number];

/** The options of a command that runs a statement and prints its rows. */
export interface RunFlags {
  format: string;
  param: string[];
  limit?: string;
  output?: string;
}

/** Adds the options of `RunFlags` to a command. */
export function runOptions(command: Command): Command {
  return command
    .option('--format <format>', 'table, json (JSON lines), csv or parquet', 'table')
    .option(
      '--param <name=value>',
      'a parameter value (repeat for more)',
      (value: string, all: string[]) => [...all, value],
      [],
    )
    .option('--limit <rows>', 'rows at most (default query.defaultRows)')
    .option('--output <file>', 'write the rows to this file instead of standard output');
}

/**
 * `name=value` pairs, repeated. A value that reads as a number is one (a default typed as a
 * number makes its parameter a number); the engine casts text where it compares.
 */
export function paramsOf(pairs: readonly string[], numbers = false): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new ClvError('usage', `expected name=value, not "${pair}"`);
    const text = pair.slice(at + 1);
    params[pair.slice(0, at)] = numbers && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
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

/** How a command's statement runs: here on the snapshot, or through the server's API. */
export interface RunPlan {
  start(
    project: Project,
    warehouse: Warehouse,
    snapshot: () => Promise<SnapshotMeta>,
    run: { params: Record<string, ParamValue>; limit?: number },
  ): Promise<StartedQuery>;
  /** The API path and body (without format) that run it on the server. */
  remote(run: { params: Record<string, ParamValue>; limit?: number }): {
    path: string;
    body: object;
  };
}

/**
 * Runs a statement as the flags say and prints it: a table or the `--json` document whole, or
 * JSON lines, CSV or Parquet streamed to standard output or `--output`. An SQL error names its
 * line and column.
 */
export async function runAndPrint(command: Command, flags: RunFlags, plan: RunPlan): Promise<void> {
  const output = outputFor(command);
  if (!(FORMATS as readonly string[]).includes(flags.format)) {
    throw new ClvError('usage', `--format is one of ${FORMATS.join(', ')}, not "${flags.format}"`);
  }
  const format = flags.format as Format;
  if (format === 'parquet' && !flags.output && process.stdout.isTTY) {
    throw new ClvError(
      'usage',
      'Parquet is binary: give --output FILE or redirect standard output',
    );
  }
  const run = { params: paramsOf(flags.param), limit: limitOf(flags.limit) };
  const streamed = !output.json && format !== 'table';
  const show = (answer: QueryAnswer) => output.result(answer, () => describeAnswer(answer));
  try {
    await withProjectStore(
      command,
      async (project, warehouse) => {
        const snapshot = await ensureQuerySnapshot(
          warehouse,
          project.queryDir,
          project.config.query,
        );
        const query = await plan.start(project, warehouse, async () => snapshot, run);
        if (!streamed) return show(await collectAnswer(query));
        await writeLocal(query, format, flags.output, project);
        const end = query.end();
        if (end.truncated) {
          output.note(`clv: the first ${end.rowCount} rows only (truncated: --limit to see more)`);
        }
      },
      async (server) => {
        const { path, body } = plan.remote(run);
        if (!streamed) return show(await server.send<QueryAnswer>('POST', path, body));
        const response = await server.open(path, {
          ...body,
          format: format === 'json' ? 'ndjson' : format,
        });
        if (response.body) {
          await pipeline(Readable.fromWeb(response.body as WebReadable), sink(flags.output), {
            end: flags.output !== undefined,
          });
        }
      },
    );
  } catch (error) {
    throw withPosition(error);
  }
}

/** Where a streamed format goes: the --output file, or standard output. */
function sink(output: string | undefined): Writable {
  return output ? createWriteStream(output) : process.stdout;
}

/** Streams the rows of a query run here to the file or standard output, in `format`. */
async function writeLocal(
  query: StartedQuery,
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
