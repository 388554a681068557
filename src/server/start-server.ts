import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Project } from '../config/project.js';
import { openStore, type OpenStoreOptions } from '../store/open-store.js';
import { describeAbandoned } from '../store/recover-imports.js';
import type { Warehouse } from '../store/warehouse.js';
import { ClvError } from '../shared/errors.js';
import { warmUpAnswers, type WarmedAnswer } from './answer-warm-up.js';
import { buildApp } from './app.js';
import type { LogLevel } from './log-level.js';
import { DASHBOARD_ROOT } from './dashboard.js';
import { FIRST_VISIT_REQUESTS } from './first-visit-requests.js';
import { readRecentRequests, RecentAnswers, recentAnswersFile } from './recent-answers.js';
import { apiRoutes } from './routes/index.js';
import { createServerContext, type ServerContext } from './server-context.js';
import { packageVersion } from '../shared/package-version.js';

export interface ServeOptions {
  port: number;
  host: string;
  /** False (the default) for no log; true for the default level. */
  logger?: boolean | LogLevel;
  /** Read connections (default 3). */
  readers?: number;
  /** The built dashboard's folder (default dist/web); null serves the API alone. */
  dashboardRoot?: string | null;
  /**
   * Compute answers behind the start (default true): those read last before the previous stop,
   * or, with none, the first visit's (see `warmFirstVisit`). False starts cold.
   */
  warmUp?: boolean;
  /**
   * Without a list of recent answers (a server that never served), compute the answers of the
   * dashboard's first visit behind the start (default: when the dashboard is served).
   */
  warmFirstVisit?: boolean;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  context: ServerContext;
  /** Whether requests need no key (loopback, no key yet). */
  open: boolean;
  /**
   * The answers read last before the previous stop, asked again behind the start; or, when
   * the server never served, those of the dashboard's first visit (`warmFirstVisit`).
   */
  warmUp: Promise<WarmedAnswer[]>;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Starts `clv serve`. On loopback it listens at once and answers 503 until the store is open
 * and migrated; on any other address it first checks that an API key exists, and refuses to
 * start without one.
 */
export async function startServer(project: Project, options: ServeOptions): Promise<RunningServer> {
  const loopback = LOOPBACK.has(options.host);
  let context: ServerContext | null = null;
  // Made here, held in memory only: the server's own warm-up requests carry it.
  const warmUpSecret = randomBytes(32).toString('base64url');
  const dashboardRoot =
    options.dashboardRoot === undefined ? DASHBOARD_ROOT : options.dashboardRoot;
  const app = await buildApp({
    routes: apiRoutes,
    context: () => context,
    bodyLimitBytes: megabytes(project.config.server.bodyLimitMb),
    maxAnswerBytes: megabytes(project.config.server.maxAnswerMb),
    rateLimitPerMinute: project.config.server.rateLimitPerMinute,
    allowedHosts: project.config.server.allowedHosts,
    version: packageVersion(),
    logger: options.logger ?? false,
    dashboardRoot,
    warmUpSecret,
  });
  // Read before requests can be answered: see the warm-up below.
  const file = recentAnswersFile(project.dir);
  const recent = await readRecentRequests(file);
  if (recent.problem) app.log.warn(recent.problem);
  const firstVisit =
    recent.requests.length === 0 && (options.warmFirstVisit ?? dashboardRoot !== null);
  const warmRequests =
    options.warmUp === false ? [] : firstVisit ? FIRST_VISIT_REQUESTS : recent.requests;
  let store: Warehouse | null = null;
  try {
    if (!loopback) {
      store = await openStore(project, storeOptions(app));
      context = await open(project, store, loopback, app);
      if (context.keys.active === 0) {
        throw new ClvError(
          'config',
          `clv serve --host ${options.host} needs an API key first: run clv key create --role admin`,
        );
      }
    }
    const url = await app.listen({ port: options.port, host: options.host });
    if (!store) {
      store = await openStore(project, storeOptions(app));
      context = await open(project, store, loopback, app);
    }
    const ready = context;
    if (!ready) throw new Error('the server context did not open');
    const opened = store;
    // The answers read last before the server stopped are computed again behind the start;
    // nothing awaited since the context opened, so no status says otherwise in between.
    const keeper = new RecentAnswers(file, ready.cache, (error) =>
      app.log.warn({ err: error }, `the recent answers could not be written to ${file}`),
    );
    keeper.start(recent.requests);
    const warmUp = warmUpAnswers(app, ready.cache, warmRequests, warmUpSecret);
    const warmStarted = Date.now();
    void warmUp.done.then((warmed) => {
      if (warmed.length === 0) return;
      const failed = warmed.filter((answer) => answer.status >= 400).length;
      const seconds = (Date.now() - warmStarted) / 1000;
      app.log.info(
        { answers: warmed.length, failed, seconds },
        firstVisit
          ? "the answers of the dashboard's first visit are computed"
          : 'the answers read last before the server stopped are computed again',
      );
    });
    return {
      url,
      app,
      context: ready,
      open: ready.isOpen(),
      warmUp: warmUp.done,
      async close() {
        await warmUp.stop();
        await keeper.stop();
        await app.close();
        await ready.close();
        await opened.close();
      },
    };
  } catch (error) {
    await app.close();
    await context?.close();
    await store?.close();
    throw error;
  }
}

function open(
  project: Project,
  store: Warehouse,
  loopback: boolean,
  app: FastifyInstance,
): Promise<ServerContext> {
  return createServerContext(project, store, {
    loopback,
    onRefreshError: (error, reason) => app.log.error({ err: error, reason }, 'refresh failed'),
    onDeliveryError: (error) => app.log.error({ err: error }, 'destination sync failed'),
    onStreamingError: (error) =>
      app.log.error({ err: error }, 'streaming audience evaluation failed'),
    onRefreshed: (summary, reason) =>
      app.log.info(
        {
          reason,
          refreshId: summary.refreshId,
          events: summary.events,
          seconds: Number(summary.seconds.toFixed(2)),
        },
        `refresh ${summary.refreshId} done`,
      ),
  });
}

function megabytes(mb: number): number {
  return Math.round(mb * 1024 * 1024);
}

/** The store is opened after the app exists, so what opening it undid goes to the server log. */
function storeOptions(app: FastifyInstance): OpenStoreOptions {
  return {
    onAbandonedImport: (abandoned) => app.log.warn(abandoned, describeAbandoned(abandoned)),
  };
}
