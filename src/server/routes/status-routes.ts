import { z } from 'zod';
import { tableExists } from '../../model/store-state.js';
import type { ModelState } from '../../model/derived-table.js';
import { latestRefreshFailure } from '../../model/refresh-failures.js';
import type { Warehouse } from '../../store/warehouse.js';
import { callerOf } from '../auth.js';
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
      'the `segment` values /metrics accepts: email, sms and attribute:NAME per drill-down',
    ),
  refreshing: z.boolean(),
  holdoutRunningSince: z
    .string()
    .nullable()
    .describe('when the holdout check running now started (UTC, ISO 8601); null when none runs'),
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
  models: z
    .array(
      z.strictObject({
        role: z.enum(['purchase', 'spend']),
        model: z.string(),
        status: z
          .enum(['ok', 'degenerate', 'failed'])
          .describe(
            'ok; degenerate: predictions come from the stated fallback, flagged; failed: predictions are null',
          ),
        reason: z.string().nullable().describe('why the model is not ok, and what stands in'),
      }),
    )
    .describe('the models of the last refresh (empty before the first)'),
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
  const [row] = await context.reads.use((w) =>
    w.query<{
      refresh_id: number | null;
      started_at: string | null;
      seconds: number | null;
      events: number | null;
      since: number;
    }>(
      `WITH last AS (SELECT * FROM refreshes ORDER BY refresh_id DESC LIMIT 1)
       SELECT last.refresh_id, strftime(last.started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at,
              last.seconds, last.events,
              (SELECT count(*) FROM events
               WHERE import_id > coalesce((SELECT last_import_id FROM last), -1)) AS since
       FROM (SELECT 1) one LEFT JOIN last ON true`,
    ),
  );
  // It changes only with a refresh, and the dashboard asks for the status every 15 s: kept in
  // the response cache, which a refresh clears.
  const latestOrder = await context.cache.get('status:latest-order', () =>
    context.reads.use(async (w) => {
      if (!(await tableExists(w, TABLE.orders))) return null;
      const [latest] = await w.query<{ day: string | null }>(
        `SELECT max(day)::VARCHAR AS day FROM orders`,
      );
      return latest?.day ?? null;
    }),
  );
  const models = await context.cache.get('status:models', () =>
    context.reads.use((w) => refreshModels(w)),
  );
  const lastFailedRefresh = await context.reads.use((w) => latestRefreshFailure(w));
  const next = context.refresher.nextScheduled();
  return {
    open: context.isOpen(),
    role,
    currency: context.config.baseCurrency,
    segmentations: [
      'email',
      'sms',
      ...context.config.drilldowns.map((name) => `attribute:${name}`),
    ],
    refreshing: context.refresher.running,
    holdoutRunningSince: holdoutRunningSince(context)?.toISOString() ?? null,
    lastRefresh:
      row?.refresh_id == null
        ? null
        : {
            refreshId: row.refresh_id,
            startedAt: row.started_at ?? '',
            seconds: row.seconds ?? 0,
            events: row.events ?? 0,
          },
    eventsSinceRefresh: row?.since ?? 0,
    latestOrder,
    nextScheduledRefresh: next ? next.toISOString() : null,
    lastFailedRefresh,
    ...models,
  };
}

/** The models of the last refresh, and a change of purchase model against the one before. */
async function refreshModels(
  warehouse: Warehouse,
): Promise<{ models: ModelState[]; modelChange: { from: string; to: string } | null }> {
  const rows = await warehouse.query<{ models: string }>(
    `SELECT CAST(models AS VARCHAR) AS models FROM refreshes
     WHERE models IS NOT NULL ORDER BY refresh_id DESC LIMIT 2`,
  );
  const [last, before] = rows.map((row) => JSON.parse(row.models) as ModelState[]);
  const purchase = (states: ModelState[] | undefined) =>
    states?.find((state) => state.role === 'purchase')?.model;
  const from = purchase(before);
  const to = purchase(last);
  return {
    models: last ?? [],
    modelChange: from && to && from !== to ? { from, to } : null,
  };
}
