// The one way the dashboard talks to the server: JSON under /api/v1, with the key if any.

const KEY_STORAGE = 'clv.apiKey';
export const API_BASE = '/api/v1';

/** An answer with the API's error shape `{ error: { code, message } }`, or a failed request. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's details: for a 400, the wrong fields as `{ field, message }`. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | undefined | null>;
type Method = 'GET' | 'POST' | 'DELETE';

/** The path with its query string; empty values are left out and keys sorted, so equal asks share a URL. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

/** The key the user signed in with, kept for this browser tab only. */
export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function storeKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called whenever the server answers 401: the app then asks for a key. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Sends a request and returns its JSON, or throws an ApiError with the server's message. */
export async function request<T>(
  url: string,
  init: { method?: Method; body?: unknown; signal?: AbortSignal; key?: string } = {},
): Promise<T> {
  const text = await send(url, init, 'application/json');
  return (text ? safeJson(text) : null) as T;
}

/** GETs a body as text (a CSV), or throws an ApiError with the server's message. */
export function requestText(url: string): Promise<string> {
  return send(url, {}, 'text/csv, application/json');
}

async function send(
  url: string,
  init: { method?: Method; body?: unknown; signal?: AbortSignal; key?: string },
  accept: string,
): Promise<string> {
  const headers: Record<string, string> = { accept };
  const key = init.key ?? storedKey();
  if (key) headers.authorization = `Bearer ${key}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError(0, 'network', 'The server cannot be reached. Is clv serve running?');
  }
  const text = await response.text();
  if (!response.ok) {
    const body: unknown = text ? safeJson(text) : null;
    const error = (
      body as { error?: { code?: string; message?: string; details?: unknown } } | null
    )?.error;
    if (response.status === 401) unauthorizedListeners.forEach((listener) => listener());
    throw new ApiError(
      response.status,
      error?.code ?? 'http',
      error?.message ?? `The server answered ${response.status}.`,
      error?.details,
    );
  }
  return text;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
