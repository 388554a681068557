import { z } from 'zod';
import {
  createAudience,
  deleteAudience,
  editAudience,
  getAudience,
  listAudiences,
} from '../../segments/audiences.js';
import { audienceHistory } from '../../segments/audience-history.js';
import {
  audienceMembers,
  MEMBERS_LIMIT_MAX,
  openMembersCsv,
} from '../../segments/audience-members.js';
import { audienceTemplates, TEMPLATE_KEYS } from '../../segments/audience-templates.js';
import { estimateAudience } from '../../segments/estimate-audience.js';
import { ruleSchema } from '../../segments/rule-schema.js';
import { callerName } from '../auth.js';
import {
  audienceEstimateSchema,
  audienceHistorySchema,
  audienceListSchema,
  audienceMembersSchema,
  audienceSchema,
  audienceTemplatesSchema,
  deletedAudienceSchema,
} from '../responses/audience-responses.js';
import { AUDIENCE_MEMBERS_TAG, AUDIENCES_TAG, route } from '../route.js';
import type { ServerContext } from '../server-context.js';

const idParams = z.object({ id: z.string().min(1).max(100) });

const audienceFields = {
  name: z.string().min(1).max(100),
  description: z.string().max(2000).optional(),
  rule: ruleSchema,
  includeUnsubscribed: z.boolean().optional(),
  template: z.enum(TEMPLATE_KEYS).nullable().optional(),
};

/**
 * Audience writes share the write lane with imports and keys, and the audiences lane with the
 * evaluations that write membership (refresh, streaming): one writer of each at a time. The
 * cached answers that name audiences are forgotten after each (a failed one may have changed
 * nothing, but forgetting costs only a computation).
 */
async function write<T>(context: ServerContext, work: () => Promise<T>): Promise<T> {
  try {
    return await context.writes.run(() => context.audiences.run(work));
  } finally {
    context.cache.forgetTagged(AUDIENCES_TAG);
    context.cache.forgetTagged(AUDIENCE_MEMBERS_TAG);
  }
}

/** Audiences: saved rules, their estimates, members and history (admin writes, read reads). */
export const audienceRoutes = [
  route({
    method: 'GET',
    path: '/audiences',
    tag: 'audiences',
    summary: 'Every audience with its size, change since the last refresh and CLV sums',
    access: 'read',
    // 0.4-0.5 s at a million customers (members joined to their features), asked by every
    // visit of the Audiences page: kept until a refresh, an edit or a streaming evaluation.
    cached: AUDIENCE_MEMBERS_TAG,
    response: audienceListSchema,
    handler: async ({ context }) => ({
      audiences: await context.reads.use((w) => listAudiences(w)),
    }),
  }),
  route({
    method: 'GET',
    path: '/audiences/templates',
    tag: 'audiences',
    summary: 'The audiences offered in one click, as rules',
    access: 'read',
    response: audienceTemplatesSchema,
    handler: ({ context }) => Promise.resolve({ templates: audienceTemplates(context.config) }),
  }),
  route({
    method: 'POST',
    path: '/audiences/estimate',
    tag: 'audiences',
    summary: 'Who a rule selects on the latest refresh: count, share, sums and 20 sample members',
    description: '409 before the first refresh. Read-only: a read key may estimate.',
    access: 'read',
    body: z.object({
      rule: ruleSchema,
      audienceId: z.string().max(100).optional().describe('the audience being edited'),
    }),
    response: audienceEstimateSchema,
    handler: ({ body, context }) =>
      context.reads.use((w) => estimateAudience(w, context.config, body)),
  }),
  route({
    method: 'POST',
    path: '/audiences',
    tag: 'audiences',
    summary: 'Create an audience; it is evaluated at once when the store has been refreshed',
    access: 'admin',
    status: 201,
    body: z.object(audienceFields),
    response: audienceSchema,
    handler: ({ body, context, request }) =>
      write(context, () =>
        createAudience(context.write, context.config, body, callerName(request)),
      ),
  }),
  route({
    method: 'GET',
    path: '/audiences/:id',
    tag: 'audiences',
    summary: 'One audience: its rule, figures and versions',
    access: 'read',
    params: idParams,
    response: audienceSchema,
    handler: ({ params, context }) => context.reads.use((w) => getAudience(w, params.id)),
  }),
  route({
    method: 'POST',
    path: '/audiences/:id',
    tag: 'audiences',
    summary:
      'Edit an audience (every field optional): the next version, re-evaluated when its rule changed',
    access: 'admin',
    params: idParams,
    body: z.object(audienceFields).partial(),
    response: audienceSchema,
    handler: ({ params, body, context, request }) =>
      write(context, () =>
        editAudience(context.write, context.config, params.id, body, callerName(request)),
      ),
  }),
  route({
    method: 'DELETE',
    path: '/audiences/:id',
    tag: 'audiences',
    summary: 'Delete an audience; 409 naming the audiences whose rules use it',
    access: 'admin',
    params: idParams,
    response: deletedAudienceSchema,
    handler: ({ params, context }) =>
      write(context, () => deleteAudience(context.write, params.id)),
  }),
  route({
    method: 'GET',
    path: '/audiences/:id/members',
    tag: 'audiences',
    summary: 'The current members, a page at a time, or all of them as CSV (format=csv)',
    description:
      'CSV columns: customer_id, entered_at, revenue, predicted_clv, p_alive, email_subscribed.',
    access: 'read',
    params: idParams,
    query: z.object({
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(MEMBERS_LIMIT_MAX)
        .default(50)
        .describe(`members per page (1–${MEMBERS_LIMIT_MAX})`),
      offset: z.coerce.number().int().min(0).default(0).describe('members to skip'),
      format: z.enum(['json', 'csv']).default('json').describe('csv: the whole membership'),
    }),
    response: audienceMembersSchema,
    stream: async ({ params, query, context }) => {
      if (query.format !== 'csv') return null;
      // A connection of its own, held while the file streams and closed after it.
      const connection = await context.write.fork();
      try {
        const rows = await openMembersCsv(connection, params.id);
        return {
          type: 'text/csv; charset=utf-8',
          fileName: `${params.id}-members.csv`,
          body: closingAfter(rows, () => connection.close()),
        };
      } catch (error) {
        await connection.close();
        throw error;
      }
    },
    handler: ({ params, query, context }) =>
      context.reads.use((w) => audienceMembers(w, params.id, query)),
  }),
  route({
    method: 'GET',
    path: '/audiences/:id/history',
    tag: 'audiences',
    summary: 'Members, entries and exits per UTC day',
    access: 'read',
    params: idParams,
    response: audienceHistorySchema,
    handler: ({ params, context }) => context.reads.use((w) => audienceHistory(w, params.id)),
  }),
];

async function* closingAfter(
  chunks: AsyncIterable<string>,
  close: () => Promise<void>,
): AsyncGenerator<string> {
  try {
    yield* chunks;
  } finally {
    await close();
  }
}
