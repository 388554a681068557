import { z } from 'zod';
import { knownAttributes } from '../../metrics/attributes.js';
import { lastRefresh, refreshModels } from '../../model/refresh-state.js';
import { latestOrderDay, tableExists } from '../../model/store-state.js';
import { latestRefreshFailure } from '../../model/refresh-failures.js';
import { callerOf } from '../auth.js';
import { modelState } from '../responses/shared-responses.js';
import { route } from '../route.js';
import { holdoutRunningSince } from './holdout-runs.js';
import type { ServerContext } from '../server-context.js';
import { TABLE } from '../../model/table-names.js';

const status = z.strictObject({
  open: z.boolean().describe('no key is needed: the server listens on loopback and has no key'),
  role: z.enum(['ingest', 'read', 'admin']).describe('the role of the key that asked'),
  currency: z.string().describe('the base currency every amount is in'),
  segmentations: z
    .array(z.string())
    .describe(
      'the `segment` values /metrics accepts: email, sms and attribute:NAME per known attribute (the configured drill-downs first, then those found at the last refresh)',
    ),
  refreshing: z.boolean(),
  answersRenewing: z
    .boolean()
    .describe(
      'the answers read most recently before the last refresh, or before the server last stopped, are being computed again, one at a time; once done they come from the cache',
    ),
  holdoutRunningSince: z
    .string()
    .nullable()
    .describe('when the holdout check running now started (UTC, ISO 8601); null when none runs'),
  streamingAudiences: z
    .strictObject({
      evaluations: z.number(),
      lastLagMs: z.number().nullable(),
      maxLagMs: z.number().nullable(),
      pendingBatches: z.number(),
    })
    .describe(
      'how far the streaming audiences run behind ingest since the server started: evaluations run, and the time from a batch’s commit to the end of the evaluation that covered it (last and largest, ms)',
    ),
  lastRefresh: z
    .strictObject({
      refreshId: z.number(),
      startedAt: z.string(),
      seconds: z.number(),
      events: z.number(),
    })
    .nullable(),
  eventsSinceRefresh: z.number(),
  latestOrder: z
    .string()
    .nullable()
    .describe('the local day of the latest order as of the last refresh (YYYY-MM-DD)'),
  nextScheduledRefresh: z.string().nullable(),
  models: z.array(modelState).describe('the models of the last refresh (empty before the first)'),
  modelChange: z
    .strictObject({ from: z.string(), to: z.string() })
    .nullable()
    .describe('the last refresh chose another purchase model than the refresh before it'),
  lastFailedRefresh: z
    .strictObject({
      startedAt: z.string().describe('when the failed refresh started (UTC, ISO 8601)'),
      message: z.string().describe('what failed, in words for people'),
    })
    .nullable()
    .describe(
      'the latest refresh that failed, until a refresh succeeds after it; the reports still show the last successful one',
    ),
});

/** The server's state: the last refresh, what arrived since, and what comes next. */
export const statusRoutes = [
  route({
    method: 'GET',
    path: '/status',
    tag: 'status',
    summary: 'The last refresh (time, duration), events stored since, and the next scheduled one',
    access: 'read',
    response: status,
    handler: ({ context, request }) => statusOf(context, callerOf(request)?.role ?? 'read'),
  }),
];

async function statusOf(
  context: ServerContext,
  role: z.infer<typeof status>['role'],
): Promise<z.infer<typeof status>> {
  const refreshed = await context.reads.use((w) => lastRefresh(w));
  // It changes only with a refresh, and the dashboard asks for the status every 15 s: kept in
  // the response cache, which a refresh clears.
  const latestOrder = await context.cache.get('status:latest-order', () =>
    context.reads.use(async (w) =>
      (await tableExists(w, TABLE.orders)) ? latestOrderDay(w) : null,
    ),
  );
  const models = await context.cache.get('status:models', () =>
    context.reads.use((w) => refreshModels(w)),
  );
  // Like the latest order, the attributes found change only with a refresh.
  const attributes = await context.cache.get('status:attributes', () =>
    context.reads.use(async (w) =>
      (await tableExists(w, TABLE.customerAttributes))
        ? knownAttributes(w, context.config)
        : context.config.drilldowns,
    ),
  );
  const lastFailedRefresh = await context.reads.use((w) => latestRefreshFailure(w));
  const next = context.refresher.nextScheduled();
  return {
    open: context.isOpen(),
    role,
    currency: context.config.baseCurrency,
    segmentations: ['email', 'sms', ...attributes.map((name) => `attribute:${name}`)],
    refreshing: context.refresher.running,
    answersRenewing: context.cache.renewing,
    ...refreshed,
    holdoutRunningSince: holdoutRunningSince(context)?.toISOString() ?? null,
    streamingAudiences: context.streaming.lag(),
    latestOrder,
    nextScheduledRefresh: next ? next.toISOString() : null,
    lastFailedRefresh,
    ...models,
  };
}
