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

// The dashboard's document types and the server's schema must stay one shape: a field the
// server adds or renames fails the typecheck here.
type ApiDashboard = Answer<'/api/v1/dashboards/{id}'>;
type ApiList = Answer<'/api/v1/dashboards'>;
type ApiTemplates = Answer<'/api/v1/dashboards/templates'>;
const webIsApi: Dashboard extends ApiDashboard ? true : never = true;
const apiIsWeb: ApiDashboard extends Dashboard ? true : never = true;
const listIsWeb: ApiList extends { dashboards: DashboardSummary[] } ? true : never = true;
const templatesAreWeb: ApiTemplates extends { templates: DashboardTemplate[] } ? true : never =
  true;
void [webIsApi, apiIsWeb, listIsWeb, templatesAreWeb];
