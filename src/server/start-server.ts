import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Project } from '../config/project.js';
import { openStore, type OpenStoreOptions } from '../store/open-store.js';
import { describeAbandoned } from '../store/recover-imports.js';
import type { Warehouse } from '../store/warehouse.js';
import { ClvError } from '../shared/errors.js';
import { buildApp } from './app.js';
import type { LogLevel } from './log-level.js';
import { DASHBOARD_ROOT } from './dashboard.js';
import { apiRoutes } from './routes/index.js';
import { createServerContext, type ServerContext } from './server-context.js';

export interface ServeOptions {
  port: number;
  host: string;
  /** False (the default) for no log; true for the default level. */
  logger?: boolean | LogLevel;
  /** Read connections (default 3). */
  readers?: number;
  /** The built dashboard's folder (default dist/web); null serves the API alone. */
  dashboardRoot?: string | null;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  context: ServerContext;
  /** Whether requests need no key (loopback, no key yet). */
  open: boolean;
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
  const app = await buildApp({
    routes: apiRoutes,
    context: () => context,
    bodyLimitBytes: megabytes(project.config.server.bodyLimitMb),
    maxAnswerBytes: megabytes(project.config.server.maxAnswerMb),
    rateLimitPerMinute: project.config.server.rateLimitPerMinute,
    allowedHosts: project.config.server.allowedHosts,
    version: await packageVersion(),
    logger: options.logger ?? false,
    dashboardRoot: options.dashboardRoot === undefined ? DASHBOARD_ROOT : options.dashboardRoot,
  });
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
    return {
      url,
      app,
      context: ready,
      open: ready.isOpen(),
      async close() {
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

async function packageVersion(): Promise<string> {
  // dist/bin/ (the bundle), dist/server/ and src/server/ all sit two folders below the package root.
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
