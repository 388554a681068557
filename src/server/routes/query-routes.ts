import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { collectAnswer, csvChunks, ndjsonChunks } from '../../query/query-answer.js';
import { querySchema } from '../../query/query-schema.js';
import { startQuery, type StartedQuery } from '../../query/query-service.js';
import { currentSnapshot, ensureQuerySnapshot } from '../../query/query-snapshot.js';
import { writeParquetAnswer } from '../../query/parquet-answer.js';
import { queryAnswerSchema, querySchemaSchema } from '../responses/query-responses.js';
import { route, type StreamedAnswer } from '../route.js';
import type { ServerContext } from '../server-context.js';

export const paramValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

const queryBody = z.strictObject({
  sql: z
    .string()
    .min(1)
    .max(100_000)
    .describe('one SELECT (or EXPLAIN); `{{name}}` or `$name` for parameters'),
  params: z
    .record(z.string().max(63), paramValue)
    .optional()
    .describe('values of the parameters, bound, never written into the SQL'),
  limit: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('rows at most (default query.defaultRows, at most query.maxRows)'),
  format: z
    .enum(['json', 'ndjson', 'csv', 'parquet'])
    .default('json')
    .describe('json: one document; ndjson, csv, parquet: streamed as a file'),
});

/**
 * The snapshot of the latest refresh: checked on a read connection, so that queries do not
 * queue behind ingest; the write lane is taken only to write it (after a refresh that left it
 * to the first query, which also writes datasets).
 */
export const snapshotOf = (context: ServerContext) => async () =>
  (await context.reads.use((w) => currentSnapshot(w, context.project.queryDir))) ??
  context.writes.run(() =>
    ensureQuerySnapshot(context.write, context.project.queryDir, context.config.query),
  );

export const MEDIA = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
} as const;

/** A streamed format's body: CSV or JSON lines as the rows come, Parquet once written. */
export async function streamedBody(
  query: StartedQuery,
  format: keyof typeof MEDIA,
  scratchDir: string,
): Promise<StreamedAnswer['body']> {
  if (format === 'csv') return csvChunks(query);
  if (format === 'ndjson') return ndjsonChunks(query);
  const file = await writeParquetAnswer(query, scratchDir);
  return (async function* () {
    try {
      yield* createReadStream(file) as AsyncIterable<Uint8Array>;
    } finally {
      await rm(dirname(file), { recursive: true, force: true });
    }
  })();
}

/**
 * The query service: one read-only statement over the snapshot of the latest refresh, run in a
 * worker process that can reach neither the store nor the file system, and the schema it sees.
 */
export const queryRoutes = [
  route({
    method: 'POST',
    path: '/query',
    tag: 'query',
    summary: 'Runs one read-only SQL statement over the documented tables',
    description:
      'Runs on a read-only snapshot of the tables of the latest refresh (docs/query.md), in a worker with no file, network or extension access. 400 with details { line, column } for an SQL error or a refused statement (anything but one SELECT or EXPLAIN), 409 before the first refresh, 504 past query.timeoutSeconds. format csv, ndjson or parquet stream the rows as a file.',
    access: 'read',
    body: queryBody,
    response: queryAnswerSchema,
    stream: async ({ body, context }) => {
      if (body.format === 'json') return null;
      const query = await startQuery(
        snapshotOf(context),
        context.project.queryDir,
        context.config,
        body,
      );
      return {
        type: MEDIA[body.format],
        fileName: `query.${body.format === 'ndjson' ? 'jsonl' : body.format}`,
        body: await streamedBody(query, body.format, context.project.scratchDir),
      };
    },
    handler: async ({ body, context }) =>
      collectAnswer(
        await startQuery(snapshotOf(context), context.project.queryDir, context.config, body),
      ),
  }),
  route({
    method: 'GET',
    path: '/query/schema',
    tag: 'query',
    summary: 'The tables a query can read: columns, types, rows and one-line descriptions',
    description: '409 before the first refresh.',
    access: 'read',
    response: querySchemaSchema,
    handler: async ({ context }) => querySchema(await snapshotOf(context)()),
  }),
];
