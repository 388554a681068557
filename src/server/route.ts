import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ServerContext } from './server-context.js';

/** Who may call a route: `public` needs no key; admin may call everything. */
export type Access = 'public' | 'read' | 'ingest' | 'admin';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  context: ServerContext;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * One API route as data: its schemas validate the request and document it in the OpenAPI
 * document, so the two cannot drift. Handlers are thin: they call the same functions as the
 * CLI and return what they return.
 */
export interface RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: 'GET' | 'POST' | 'DELETE';
  /** Under /api/v1, in Fastify's syntax (`/customers/:id`). */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  /** A JSON body; routes that take events or files read the raw request instead. */
  body?: B;
  /** How the body comes when it is not plain JSON, for the document. */
  bodyKind?: 'events' | 'multipart';
  /**
   * The success reply: the document declares it, the handler's result must have its type, and
   * a test holds each route's real answer to it (strictly: a field it lacks fails).
   */
  response: R;
  status?: number;
  /**
   * Answers depend only on the derived tables: cache them until the next refresh. With
   * `'audiences'` they name saved audiences as they are now too: an audience edit forgets them.
   * With `'audience-members'` they read the audiences' members too: a streaming evaluation
   * forgets them as well.
   */
  cached?: boolean | typeof AUDIENCES_TAG | typeof AUDIENCE_MEMBERS_TAG;
  /**
   * Fields holding days a report is asked about (`query.to`, `body.holdoutFrom`): each must lie
   * between 1970-01-01 and a year after the latest event, since a report's cost grows with its
   * span.
   */
  dates?: readonly `${'query' | 'body'}.${string}`[];
  handler(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<z.input<R>>;
  /**
   * Asked before `handler`: a file to stream instead of the JSON answer (a CSV export), or
   * null to answer with `handler`. Its checks run before the first byte, so errors keep their
   * status.
   */
  stream?(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<StreamedAnswer | null>;
}

/** A streamed answer: its media type, a file name to save it as, and its bytes or text in chunks. */
export interface StreamedAnswer {
  type: string;
  fileName: string;
  body: AsyncIterable<string | Uint8Array>;
}

/** A route with its types erased, as the registry holds it. */
export type ApiRoute = RouteSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

/** Declares a route, keeping its handler's input and result typed by its schemas. */
export function route<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
>(spec: RouteSpec<P, Q, B, R>): ApiRoute {
  return spec as unknown as ApiRoute;
}

export const API_PREFIX = '/api/v1';

/** The cache tag of answers that name saved audiences as they are now (see `cached`). */
export const AUDIENCES_TAG = 'audiences';

/** The cache tag of answers that read audiences' members, which streaming evaluation changes. */
export const AUDIENCE_MEMBERS_TAG = 'audience-members';
