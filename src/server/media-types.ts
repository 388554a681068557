import type { FastifyRequest } from 'fastify';
import { ClvError } from '../shared/errors.js';
import type { ApiRoute } from './route.js';

/**
 * The media types a route's body may come in. Routes without a body take JSON or nothing: a
 * form post (text/plain, urlencoded, multipart: what a page of another site may send without
 * asking) reaches only the route made for files.
 */
export function acceptedMediaTypes(route: ApiRoute): readonly string[] {
  if (route.bodyKind === 'events') return ['application/json', 'application/x-ndjson'];
  if (route.bodyKind === 'multipart') return ['multipart/form-data'];
  return ['application/json'];
}

/** 415 unless the request's body, if it has one, is of a type the route accepts. */
export function checkMediaType(request: FastifyRequest, accepted: readonly string[]): void {
  if (request.method === 'GET' || request.method === 'HEAD') return;
  const header = request.headers['content-type'];
  const type = header?.split(';')[0]?.trim().toLowerCase();
  if (type === undefined || type === '') {
    if (!hasBody(request)) return;
  } else if (accepted.includes(type)) {
    return;
  }
  throw new ClvError(
    'unsupported_type',
    `body: send it as ${accepted.join(' or ')}${type ? `, not ${type}` : ' (no Content-Type was given)'}`,
  );
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}
