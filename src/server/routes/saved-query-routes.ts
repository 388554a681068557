import { z } from 'zod';
import { collectAnswer } from '../../query/query-answer.js';
import {
  createSavedQuery,
  deleteSavedQuery,
  editSavedQuery,
  getSavedQuery,
  listSavedQueries,
  mergedFields,
} from '../../query/saved-queries.js';
import { checkStatement, runSaved, withTemplate } from '../../query/saved-query-runs.js';
import { callerName } from '../auth.js';
import { queryAnswerSchema } from '../responses/query-responses.js';
import { savedQueryListSchema, savedQuerySchema } from '../responses/saved-query-responses.js';
import { route } from '../route.js';
import type { ServerContext } from '../server-context.js';
import { MEDIA, paramValue, snapshotOf, streamedBody } from './query-routes.js';

const idParams = z.object({ id: z.string().min(1).max(100) });

const fields = {
  name: z.string().max(100).optional(),
  description: z.string().max(1000).optional(),
  sql: z.string().max(100_000).optional(),
  defaults: z.record(z.string().max(63), paramValue).optional(),
  dataset: z
    .string()
    .max(48)
    .nullable()
    .optional()
    .describe('materialise after every refresh into dataset_<name>; null: run on request only'),
};

const runBody = z.strictObject({
  params: z.record(z.string().max(63), paramValue).optional(),
  limit: z.number().int().min(1).optional(),
  format: z.enum(['json', 'ndjson', 'csv', 'parquet']).default('json'),
});

/** The statement checked on the snapshot before it is saved (a 400 with its position). */
function check(context: ServerContext, sql: string, defaults: Record<string, unknown>) {
  return checkStatement(
    snapshotOf(context),
    context.project.queryDir,
    context.config,
    sql,
    defaults as Record<string, string | number | boolean | null>,
  );
}

/** Saved queries: statements with typed parameters, run by id; a dataset is remade at refresh. */
export const savedQueryRoutes = [
  route({
    method: 'GET',
    path: '/queries',
    tag: 'query',
    summary: 'Every saved query, newest first',
    access: 'read',
    response: savedQueryListSchema,
    handler: async ({ context }) => ({
      queries: await context.reads.use((w) => listSavedQueries(w)),
    }),
  }),
  route({
    method: 'GET',
    path: '/queries/:id',
    tag: 'query',
    summary: 'One saved query',
    access: 'read',
    params: idParams,
    response: savedQuerySchema,
    handler: ({ params, context }) => context.reads.use((w) => getSavedQuery(w, params.id)),
  }),
  route({
    method: 'POST',
    path: '/queries',
    tag: 'query',
    summary: 'Save a query (or a template: clv-deciles); its SQL is checked on the snapshot first',
    description:
      'A dataset needs a default for each parameter. 400 for an SQL error (details { line, column }), 409 for a name or dataset taken.',
    access: 'admin',
    status: 201,
    body: z.strictObject({
      ...fields,
      template: z.string().max(100).optional().describe('start from a shipped query template'),
    }),
    response: savedQuerySchema,
    handler: async ({ body, context, request }) => {
      const input = withTemplate(body);
      await check(context, input.sql ?? '', input.defaults ?? {});
      return context.writes.run(() => createSavedQuery(context.write, input, callerName(request)));
    },
  }),
  route({
    method: 'POST',
    path: '/queries/:id',
    tag: 'query',
    summary: 'Save the next version of a query; omitted fields keep their value',
    access: 'admin',
    params: idParams,
    body: z.strictObject(fields),
    response: savedQuerySchema,
    handler: async ({ params, body, context, request }) => {
      const current = await context.reads.use((w) => getSavedQuery(w, params.id));
      const next = mergedFields(current, body);
      await check(context, next.sql, next.defaults);
      return context.writes.run(() =>
        editSavedQuery(context.write, params.id, body, callerName(request)),
      );
    },
  }),
  route({
    method: 'DELETE',
    path: '/queries/:id',
    tag: 'query',
    summary: 'Delete a saved query and the dataset it made',
    access: 'admin',
    params: idParams,
    response: z.strictObject({ deleted: z.string() }),
    handler: ({ params, context }) =>
      context.writes.run(() => deleteSavedQuery(context.write, params.id)),
  }),
  route({
    method: 'POST',
    path: '/queries/:id/run',
    tag: 'query',
    summary: 'Run a saved query with the values given over its defaults',
    description: 'As POST /query: the same answer, formats and errors.',
    access: 'read',
    params: idParams,
    body: runBody,
    response: queryAnswerSchema,
    stream: async ({ params, body, context }) => {
      if (body.format === 'json') return null;
      const saved = await context.reads.use((w) => getSavedQuery(w, params.id));
      const query = await runSaved(
        snapshotOf(context),
        context.project.queryDir,
        context.config,
        saved,
        body,
      );
      return {
        type: MEDIA[body.format],
        fileName: `${saved.id}.${body.format === 'ndjson' ? 'jsonl' : body.format}`,
        body: await streamedBody(query, body.format, context.project.scratchDir),
      };
    },
    handler: async ({ params, body, context }) => {
      const saved = await context.reads.use((w) => getSavedQuery(w, params.id));
      // Cached until the next refresh, as the built-in reports are: a dashboard's widgets ask
      // the same again on every visit. The version keys an edited query apart.
      const key = JSON.stringify([
        'saved-query',
        saved.id,
        saved.version,
        body.params ?? {},
        body.limit ?? null,
      ]);
      return context.cache.get(
        key,
        async () =>
          collectAnswer(
            await runSaved(
              snapshotOf(context),
              context.project.queryDir,
              context.config,
              saved,
              body,
            ),
          ),
        (answer) => JSON.stringify(answer.rows).length,
      );
    },
  }),
];
