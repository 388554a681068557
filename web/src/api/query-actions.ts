// Running SQL (a read, but a POST with the statement as its body) and the saved-query writes.
import { apiUrl, request } from './client';
import type { QueryInput, QueryResult, SavedQuery, SavedQueryInput } from './query-types';
import { invalidateUrl } from './use-api';

const savedPath = (id: string) => `/queries/${encodeURIComponent(id)}`;

/** Runs one read-only statement on the last refresh's snapshot; the answer is JSON. */
export function runQuery(input: QueryInput, signal?: AbortSignal): Promise<QueryResult> {
  return request<QueryResult>(apiUrl('/query'), {
    method: 'POST',
    body: { ...input, format: 'json' },
    signal,
  });
}

/** Saves the SQL as a new query, or as a new version of one (id given); admins only. */
export async function saveQuery(input: SavedQueryInput, id?: string): Promise<SavedQuery> {
  const saved = await request<SavedQuery>(apiUrl(id ? savedPath(id) : '/queries'), {
    method: 'POST',
    body: input,
  });
  invalidateUrl(apiUrl('/queries'));
  return saved;
}

/** Deletes a saved query; admins only. */
export async function deleteQuery(id: string): Promise<void> {
  await request<null>(apiUrl(savedPath(id)), { method: 'DELETE' });
  invalidateUrl(apiUrl('/queries'));
}
