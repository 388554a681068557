import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { ClvError, type ErrorCode } from '../shared/errors.js';
import type { ServerLine } from './server-file.js';

export type QueryValues = Record<string, string | number | undefined>;

/** The running `clv serve` that holds the store: a command sends its work to its API. */
export interface RemoteServer {
  line: ServerLine;
  /** Whether the server listens on a loopback address (then it may read local files). */
  loopback: boolean;
  get<T>(path: string, query?: QueryValues): Promise<T>;
  send<T>(method: 'POST' | 'DELETE', path: string, body?: unknown, query?: QueryValues): Promise<T>;
  /** Streams a local file as the multipart field `file`. */
  upload<T>(path: string, file: string, query: QueryValues): Promise<T>;
  /** Sends a JSON body and hands back the successful answer unread (a streamed file). */
  open(path: string, body: unknown): Promise<Response>;
}

/** The key the CLI sends when the server asks for one: an admin key does everything. */
export const API_KEY_VARIABLE = 'CLV_API_KEY';

export function remoteServer(line: ServerLine): RemoteServer {
  const key = process.env[API_KEY_VARIABLE];
  const headers = (): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});
  const call = async <T>(method: string, path: string, init: RequestInit): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${line.api}${path}`, { ...init, method });
    } catch (error) {
      throw new ClvError('failure', `the running clv serve at ${line.url} did not answer`, {
        cause: error,
      });
    }
    const text = await response.text();
    if (!response.ok) throw answerError(response.status, text, line.url);
    return JSON.parse(text) as T;
  };
  const open = async (path: string, body: unknown): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(`${line.api}${path}`, {
        method: 'POST',
        headers: { ...headers(), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new ClvError('failure', `the running clv serve at ${line.url} did not answer`, {
        cause: error,
      });
    }
    if (!response.ok) throw answerError(response.status, await response.text(), line.url);
    return response;
  };
  return {
    line,
    loopback: isLoopback(line.url),
    get: (path, query) => call('GET', path + queryText(query), { headers: headers() }),
    send: (method, path, body, query) =>
      call(method, path + queryText(query), {
        headers:
          body === undefined ? headers() : { ...headers(), 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    open,
    async upload(path, file, query) {
      const form = new FormData();
      form.set('file', await openAsBlob(file), basename(file));
      return call('POST', path + queryText(query), { headers: headers(), body: form });
    },
  };
}

function queryText(query: QueryValues | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The server's error as the same error the command would have thrown itself. */
function answerError(status: number, text: string, url: string): ClvError {
  let code: ErrorCode = status >= 500 ? 'failure' : 'bad_input';
  let message = `the running clv serve at ${url} answered ${status}`;
  let details: unknown;
  try {
    const body = JSON.parse(text) as {
      error?: { code?: ErrorCode; message?: string; details?: unknown };
    };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
    details = body.error?.details;
  } catch {
    // Not our error shape: the status alone says what happened.
  }
  if (status === 401) {
    message = `the running clv serve at ${url} needs an API key: set ${API_KEY_VARIABLE} to an admin key (${message})`;
  }
  return new ClvError(code, message, { details });
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return (
    host === '127.0.0.1' || host === '[::1]' || host === 'localhost' || host.startsWith('127.')
  );
}
