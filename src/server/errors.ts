import type { FastifyReply } from 'fastify';
import { ClvError, type ErrorCode } from '../shared/errors.js';

/** The one shape every error leaves the server in. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

const STATUS: Record<ErrorCode, number> = {
  usage: 400,
  bad_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_type: 415,
  rate_limited: 429,
  config: 500,
  failure: 500,
  busy: 503,
  timeout: 504,
};

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'bad_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'bad_input',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_type',
  429: 'rate_limited',
  503: 'busy',
};

/**
 * The status and body for anything thrown while answering. Our own errors keep their code and
 * message; the framework's client errors (bad JSON, a body over the limit) keep their status;
 * anything else is a 500 whose message says nothing of the internals (no stack, no SQL).
 */
export function errorReply(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof ClvError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return { status: STATUS[error.code], body };
  }
  const status = statusOf(error);
  if (status !== undefined) {
    // Any other client error of the framework is still the client's: 4xx, not a 500.
    const code = CODE_OF_STATUS[status] ?? 'bad_input';
    return { status, body: { error: { code, message: clientMessage(error, status) } } };
  }
  return { status: 500, body: { error: { code: 'failure', message: 'internal error' } } };
}

/** Sends `error` in the one shape, with Retry-After where waiting helps. */
export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = errorReply(error);
  if ((status === 503 || status === 429) && !reply.hasHeader('retry-after')) {
    reply.header('retry-after', status === 429 ? '60' : '1');
  }
  return reply.code(status).type('application/json').send(body);
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  const status = (error as { statusCode: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function clientMessage(error: unknown, status: number): string {
  if (status === 413)
    return 'the request body is larger than the server accepts (server.bodyLimitMb)';
  const message = error instanceof Error ? error.message : '';
  // Framework messages for client errors name what was wrong with the request, not internals.
  return message || `request failed with status ${status}`;
}
