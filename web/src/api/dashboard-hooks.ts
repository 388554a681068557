// One data hook per dashboard endpoint (GETs), and the saved queries a widget can show;
// writes are in dashboard-actions.
import type { Dashboard, DashboardSummary, DashboardTemplate } from '../dashboards/dashboard-types';
import { apiUrl } from './client';
import type { Answer } from './types';
import { useApi } from './use-api';

export type SavedQueryList = Answer<'/api/v1/queries'>;
export type SavedQuery = SavedQueryList['queries'][number];
/**
 * A saved query's answer as a widget reads it. Written out: the generated type of its cells (a
 * recursive JSON value) is one TypeScript cannot name.
 */
export interface QueryRun {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  rowCount: number;
  truncated: boolean;
}

export const dashboardPath = (id: string) => `/dashboards/${encodeURIComponent(id)}`;

export function useDashboards() {
  return useApi<{ dashboards: DashboardSummary[] }>(apiUrl('/dashboards'));
}

export function useDashboardTemplates() {
  return useApi<{ templates: DashboardTemplate[] }>(apiUrl('/dashboards/templates'));
}

export function useDashboardDocument(id: string) {
  return useApi<Dashboard>(apiUrl(dashboardPath(id)));
}

export function useSavedQueries(enabled = true) {
  return useApi<SavedQueryList>(enabled ? apiUrl('/queries') : null);
}
