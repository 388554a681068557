import type { FastifyRequest } from 'fastify';

// An API key is clv_<12 hex id>_<secret>; an underscore may come percent-encoded. The secret is
// cut however long it is, so a key pasted with a character too many or too few goes as well.
const KEY_SHAPED = /(clv(?:_|%5f))([0-9a-f]{12})((?:_|%5f)[a-z0-9_%-]+)/gi;

/** The text with the secret part of anything shaped like an API key replaced (the id stays). */
export function redactKeys(text: string): string {
  return text.replace(
    KEY_SHAPED,
    (_match, prefix: string, id: string) => `${prefix}${id}_[redacted]`,
  );
}

/**
 * What the server's log says of requests and errors: the request's method, URL and caller, and
 * an error's type, message and stack, all without key secrets (a key revoked by its full text,
 * say, is in the URL).
 */
export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: redactKeys(request.url),
      host: request.headers.host === undefined ? undefined : redactKeys(request.headers.host),
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
  err: serializeError,
};

type LoggedError = {
  type: string;
  message: string;
  stack: string;
  code?: string;
  cause?: LoggedError;
};

function serializeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: redactKeys(String(error)), stack: '' };
  }
  const { code } = error as { code?: unknown };
  const logged: LoggedError = {
    type: error.name,
    message: redactKeys(error.message),
    stack: redactKeys(error.stack ?? ''),
  };
  if (typeof code === 'string') logged.code = code;
  if (error.cause instanceof Error && depth < 5)
    logged.cause = serializeError(error.cause, depth + 1);
  return logged;
}
