// One data hook per query endpoint (GETs); runs and saved-query writes are in query-actions.
import { apiUrl } from './client';
import type { QuerySchema, SavedQueries } from './query-types';
import { useApi } from './use-api';

/** The tables and columns a query can read, for completion and the table list. */
export function useQuerySchema() {
  return useApi<QuerySchema>(apiUrl('/query/schema'));
}

/** The saved queries, newest first. */
export function useSavedQueries() {
  return useApi<SavedQueries>(apiUrl('/queries'));
}
