import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { checkDateBounds, reportDateBounds } from '../metrics/date-bounds.js';
import { ClvError } from '../shared/errors.js';
import { authenticate, authenticateWarmUp, callerOf, isWarmUp, WARM_UP_HEADER } from './auth.js';
import { isDashboardPage, registerDashboard, sendIndex } from './dashboard.js';
import { sendError } from './errors.js';
import { logsEveryRequest, SLOW_REQUEST_MS, type LogLevel } from './log-level.js';
import { logSerializers } from './log-redaction.js';
import { acceptedMediaTypes, checkMediaType } from './media-types.js';
import { openApiDocument } from './openapi.js';
import { AllowedHosts, guardRequest } from './request-guard.js';
import { API_PREFIX, type Access, type ApiRoute } from './route.js';
import type { ServerContext } from './server-context.js';
import { validate } from './validate.js';
import { WrongKeyLimiter } from './wrong-key-limiter.js';

export interface AppOptions {
  routes: readonly ApiRoute[];
  /** The context once the store is open and migrated; until then requests get 503. */
  context(): ServerContext | null;
  bodyLimitBytes: number;
  /** The largest JSON answer; larger ones are a 413. */
  maxAnswerBytes: number;
  rateLimitPerMinute: number;
  /** Host names requests may be addressed to besides the listening address (`server.allowedHosts`). */
  allowedHosts: readonly string[];
  version: string;
  /** False for no log; true is the default level, `info`. */
  logger: boolean | LogLevel;
  /** The built dashboard's folder, served at `/`; null for the API alone. */
  dashboardRoot?: string | null;
  /**
   * The secret of the server's own requests that ask answers again after a start
   * (`WARM_UP_HEADER`); without it no request may carry that header.
   */
  warmUpSecret?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** The answer is kept until the next refresh (a GET of `cached` route). */
    cached?: boolean;
  }
}

/**
 * The HTTP application: security headers, host and origin checks, keys, rate limits, validation,
 * bounded answers, one error shape.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const level: LogLevel | null =
    options.logger === true ? 'info' : options.logger === false ? null : options.logger;
  // The server's own warm-up requests are summed up in one line when they are done (see
  // start-server.ts): logged one by one they would read as visitors that never came.
  const ownRequest = (request: { headers: IncomingHttpHeaders }): boolean =>
    isWarmUp(request.headers, options.warmUpSecret ?? '');
  const app = Fastify({
    logger: level ? { level, serializers: logSerializers } : false,
    // A line per request buries the ones that matter: below `debug`, only slow ones are logged.
    logController: new LogController({
      disableRequestLogging: level === null || !logsEveryRequest(level) ? true : ownRequest,
    }),
    bodyLimit: options.bodyLimitBytes,
    // Path parameters are checked by their routes' schemas, which name the field (ids up to
    // 500); past the router's limit a path would fall through to the dashboard's files. Node
    // takes no more than 16 KB of headers, the address included.
    routerOptions: { maxParamLength: 16_384 },
    // Errors met before routing, such as a broken percent-escape, leave in the one shape too.
    // The reply is sent here; it is thenable (settles when sent), which nothing needs to wait for.
    frameworkErrors: (error, _request, reply) => {
      void sendError(reply, frameworkError(error));
    },
  });
  if (level && !logsEveryRequest(level)) {
    app.addHook('onResponse', async (request, reply) => {
      if (reply.elapsedTime < SLOW_REQUEST_MS || ownRequest(request)) return;
      request.log.warn(
        { req: request, res: reply, responseTime: Math.round(reply.elapsedTime) },
        'slow request',
      );
    });
  }
  // The server often runs on plain HTTP inside a network: asking browsers to upgrade every
  // request to HTTPS would break the dashboard there.
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  const allowedHosts = new AllowedHosts(options.allowedHosts);
  // First of all, and for every path: a request for another name, or sent by another site's
  // page to change something, gets nothing here, not even the dashboard's files.
  app.addHook('onRequest', async (request) => guardRequest(request, allowedHosts));
  // A page of any site may post text/plain without asking first; no route reads it.
  app.removeContentTypeParser('text/plain');
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
  const wrongKeys = new WrongKeyLimiter();
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    const context = options.context();
    if (!context) throw new ClvError('busy', 'the store is opening (migrating): try again shortly');
    if (request.headers[WARM_UP_HEADER] !== undefined) {
      const cached = request.routeOptions.config.cached === true;
      authenticateWarmUp(request, options.warmUpSecret ?? '', cached);
      return;
    }
    await authenticate(request, access, context, wrongKeys);
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
    const mediaTypes = acceptedMediaTypes(route);
    app.route({
      method: route.method,
      url: API_PREFIX + route.path,
      config: { access: route.access, cached: route.method === 'GET' && Boolean(route.cached) },
      // Before the body is read: a body of the wrong type is not parsed at all.
      onRequest: async (request) => checkMediaType(request, mediaTypes),
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
        const streamed = route.stream ? await route.stream(input) : null;
        if (streamed) {
          return reply
            .code(200)
            .type(streamed.type)
            .header('content-disposition', `attachment; filename="${streamed.fileName}"`)
            .send(Readable.from(streamed.body));
        }
        const run = async (): Promise<string> => {
          if (route.dates) await checkRouteDates(route.dates, input, context);
          return answerText(await route.handler(input), options.maxAnswerBytes);
        };
        const tag = typeof route.cached === 'string' ? route.cached : null;
        // A GET can be sent again by the server itself after a restart (recent-answers.ts).
        const source = route.method === 'GET' ? request.url : null;
        const text = route.cached
          ? await context.cache.get(
              cacheKey(route, input),
              run,
              (answer) => answer.length,
              tag,
              source,
            )
          : await run();
        return reply
          .code(route.status ?? 200)
          .type('application/json; charset=utf-8')
          .send(text);
      },
    });
  }
  return app;
}

/** The answer as JSON text, which the cache keeps and weighs; a 413 past the limit. */
function answerText(answer: unknown, maxBytes: number): string {
  const text = JSON.stringify(answer) ?? 'null';
  if (text.length > maxBytes) {
    throw new ClvError(
      'too_large',
      `the answer would be ${megabytes(text.length)} MB, more than the ${megabytes(maxBytes)} MB ` +
        'a response may have (server.maxAnswerMb): ask for a shorter range or a smaller page',
    );
  }
  return text;
}

/** A 400 naming each report date of the request outside 1970-01-01 … a year after the data. */
async function checkRouteDates(
  fields: NonNullable<ApiRoute['dates']>,
  input: { query: unknown; body: unknown },
  context: ServerContext,
): Promise<void> {
  const dates: Record<string, string | undefined> = {};
  for (const field of fields) {
    const [part, name] = field.split('.') as ['query' | 'body', string];
    const value = (input[part] as Record<string, unknown> | undefined)?.[name];
    if (typeof value === 'string') dates[field] = value;
  }
  if (Object.keys(dates).length === 0) return;
  checkDateBounds(await context.reads.use(reportDateBounds), dates);
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function cacheKey(route: ApiRoute, input: { params: unknown; query: unknown }): string {
  return JSON.stringify([route.method, route.path, input.params ?? null, input.query ?? null]);
}

function frameworkError(error: Error & { code?: string }): unknown {
  if (error.code === 'FST_ERR_BAD_URL') {
    return new ClvError('bad_input', 'url: the address holds a broken percent-escape');
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return new ClvError('bad_input', 'url: a part of the path is too long');
  }
  return error;
}

function isClientError(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status < 500;
}
