import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { request } from './client';

/** What a data hook gives a widget: one of loading, ready (with data) or error. */
export type ApiState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: Error };

// Answers are kept per URL until the data changes (a refresh), so pages switch instantly.
const cache = new Map<string, Promise<unknown>>();
/** Bumped when every answer is forgotten; each URL also has a version of its own. */
let generation = 0;
const urlVersions = new Map<string, number>();
const listeners = new Set<() => void>();

const versionOf = (url: string | null) =>
  url === null ? `${generation}` : `${generation}.${urlVersions.get(url) ?? 0}`;

function notify(): void {
  listeners.forEach((listener) => listener());
}

/** Forgets every answer, so each widget asks again: after a refresh or a new key. */
export function invalidateApi(): void {
  cache.clear();
  generation += 1;
  notify();
}

/** Forgets one answer, so the widgets that show it ask again (a retry, a status poll). */
export function invalidateUrl(url: string): void {
  cache.delete(url);
  urlVersions.set(url, (urlVersions.get(url) ?? 0) + 1);
  notify();
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

/**
 * The answer of a GET, or null for no request (a hook waiting for its input). While the same
 * URL is asked again (after a refresh), the last answer stays on screen until the new one.
 */
export function useApi<T>(url: string | null): ApiState<T> & { reload(): void } {
  const version = useSyncExternalStore(subscribe, () => versionOf(url));
  const [state, setState] = useState<{ url: string | null; version: string; value: ApiState<T> }>({
    url: null,
    version: '',
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
    if (url !== null) invalidateUrl(url);
  }, [url]);
  // An answer for another URL is stale: loading until the new one. The same URL asked again
  // keeps its last good answer meanwhile, so a refresh does not blank the page.
  const value: ApiState<T> =
    state.url !== url
      ? { status: 'loading' }
      : state.version === version || state.value.status === 'ready'
        ? state.value
        : { status: 'loading' };
  return { ...value, reload };
}
