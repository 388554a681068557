import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { request } from './client';

/** What a data hook gives a widget: one of loading, ready (with data) or error. */
export type ApiState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: Error };

// Answers are kept per URL until the data changes (a refresh), so pages switch instantly.
const cache = new Map<string, Promise<unknown>>();
let generation = 0;
const listeners = new Set<() => void>();

/** Forgets every answer, so each widget asks again: after a refresh or a new key. */
export function invalidateApi(): void {
  cache.clear();
  generation += 1;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function load<T>(url: string): Promise<T> {
  let pending = cache.get(url) as Promise<T> | undefined;
  if (!pending) {
    pending = request<T>(url);
    cache.set(url, pending);
    // A failed answer is not kept: the next visit asks again.
    pending.catch(() => cache.delete(url));
  }
  return pending;
}

/** The answer of a GET, or null for no request (a hook waiting for its input). */
export function useApi<T>(url: string | null): ApiState<T> & { reload(): void } {
  const version = useSyncExternalStore(subscribe, () => generation);
  const [state, setState] = useState<{ url: string | null; version: number; value: ApiState<T> }>({
    url: null,
    version: -1,
    value: { status: 'loading' },
  });
  useEffect(() => {
    if (url === null) return;
    let current = true;
    load<T>(url).then(
      (data) => current && setState({ url, version, value: { status: 'ready', data } }),
      (error: unknown) =>
        current &&
        setState({
          url,
          version,
          value: {
            status: 'error',
            error: error instanceof Error ? error : new Error(String(error)),
          },
        }),
    );
    return () => {
      current = false;
    };
  }, [url, version]);
  const reload = useCallback(() => {
    if (url !== null) cache.delete(url);
    invalidateApi();
  }, [url]);
  // An answer for another URL (or before a refresh) is stale: show loading until the new one.
  const value: ApiState<T> =
    state.url === url && state.version === version ? state.value : { status: 'loading' };
  return { ...value, reload };
}
