import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { ClvError } from '../shared/errors.js';
import { authenticate, callerOf } from './auth.js';
import { isDashboardPage, registerDashboard, sendIndex } from './dashboard.js';
import { sendError } from './errors.js';
import { openApiDocument } from './openapi.js';
import { API_PREFIX, type Access, type ApiRoute } from './route.js';
import type { ServerContext } from './server-context.js';
import { validate } from './validate.js';

export interface AppOptions {
  routes: readonly ApiRoute[];
  /** The context once the store is open and migrated; until then requests get 503. */
  context(): ServerContext | null;
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  version: string;
  logger: boolean;
  /** The built dashboard's folder, served at `/`; null for the API alone. */
  dashboardRoot?: string | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** The HTTP application: security headers, keys, rate limits, validation, one error shape. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    bodyLimit: options.bodyLimitBytes,
  });
  // The server often runs on plain HTTP inside a network: asking browsers to upgrade every
  // request to HTTPS would break the dashboard there.
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  await app.register(multipart, { limits: { fileSize: options.bodyLimitBytes, files: 1 } });
  app.addContentTypeParser(
    'application/x-ndjson',
    { parseAs: 'string', bodyLimit: options.bodyLimitBytes },
    (_request, body, done) => done(null, body),
  );
  app.setErrorHandler((error, request, reply) => {
    if (!(error instanceof ClvError) && !isClientError(error)) request.log.error(error);
    return sendError(reply, error);
  });
  const dashboard = options.dashboardRoot
    ? await registerDashboard(app, options.dashboardRoot)
    : false;
  app.setNotFoundHandler((request, reply) =>
    dashboard && isDashboardPage(request)
      ? sendIndex(reply)
      : sendError(
          reply,
          new ClvError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`),
        ),
  );
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    const context = options.context();
    if (!context) throw new ClvError('busy', 'the store is opening (migrating): try again shortly');
    await authenticate(request, access, context);
  });
  await app.register(rateLimit, {
    global: true,
    max: options.rateLimitPerMinute,
    timeWindow: '1 minute',
    // After authentication, so the limit is per key (per address when the server is open).
    hook: 'preHandler',
    keyGenerator: (request) => callerOf(request)?.keyId ?? request.ip,
    errorResponseBuilder: (_request, context) =>
      new ClvError(
        'rate_limited',
        `more than ${context.max} requests per minute: retry in ${context.after}`,
      ),
  });

  const document = openApiDocument(options.routes, options.version);
  app.get(`${API_PREFIX}/openapi.json`, { config: { access: 'public' } }, async () => document);
  for (const route of options.routes) {
    app.route({
      method: route.method,
      url: API_PREFIX + route.path,
      config: { access: route.access },
      handler: async (request, reply) => {
        const context = options.context();
        if (!context) throw new ClvError('busy', 'the store is opening: try again shortly');
        const input = {
          params: validate(route.params, request.params, 'params'),
          query: validate(route.query, request.query, 'query'),
          body: route.bodyKind ? request.body : validate(route.body, request.body, 'body'),
          context,
          request,
          reply,
        };
        const run = (): Promise<unknown> => route.handler(input);
        const result = route.cached
          ? await context.cache.get(cacheKey(route, input), run)
          : await run();
        return reply.code(route.status ?? 200).send(result);
      },
    });
  }
  return app;
}

function cacheKey(route: ApiRoute, input: { params: unknown; query: unknown }): string {
  return JSON.stringify([route.method, route.path, input.params ?? null, input.query ?? null]);
}

function isClientError(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status < 500;
}
