import { z } from 'zod';
import { createKey, listKeys, revokeKey, ROLES } from '../../keys/api-keys.js';
import {
  createdKeySchema,
  keyListSchema,
  refreshSummarySchema,
  revokedKeySchema,
} from '../responses/admin-responses.js';
import { route } from '../route.js';
import type { ServerContext } from '../server-context.js';

/** Work that changes the store's keys goes through the write lane, then the verifier reloads. */
async function changeKeys<T>(context: ServerContext, work: () => Promise<T>): Promise<T> {
  return context.writes.run(async () => {
    const result = await work();
    await context.keys.reload(context.write);
    return result;
  });
}

/** Refresh on demand and API keys: admin only. */
export const adminRoutes = [
  route({
    method: 'POST',
    path: '/refresh',
    tag: 'admin',
    summary: 'Refresh now (or right after the running refresh) and return its summary',
    access: 'admin',
    query: z.object({
      full: z
        .enum(['true', 'false'])
        .default('false')
        .describe('true: build every table in full, not in part on the last refresh’s'),
    }),
    response: refreshSummarySchema,
    handler: ({ query, context }) =>
      context.refresher.request(query.full === 'true' ? 'full' : 'manual'),
  }),
  route({
    method: 'GET',
    path: '/keys',
    tag: 'admin',
    summary: 'Every API key, without secrets',
    access: 'admin',
    response: keyListSchema,
    handler: ({ context }) => context.writes.run(() => listKeys(context.write)),
  }),
  route({
    method: 'POST',
    path: '/keys',
    tag: 'admin',
    summary: 'Create an API key: the reply holds the key, which is not shown again',
    access: 'admin',
    status: 201,
    body: z.object({ role: z.enum(ROLES), name: z.string().max(100).optional() }),
    response: createdKeySchema,
    handler: ({ body, context }) => changeKeys(context, () => createKey(context.write, body)),
  }),
  route({
    method: 'DELETE',
    path: '/keys/:id',
    tag: 'admin',
    summary: 'Revoke an API key: it stops working at once',
    access: 'admin',
    params: z.object({ id: z.string().min(1).max(100) }),
    response: revokedKeySchema,
    handler: ({ params, context }) =>
      changeKeys(context, () => revokeKey(context.write, params.id)),
  }),
];
