// The dashboard writes (admin): each asks for every answer again afterwards, so lists follow.
import type { Dashboard, DashboardInput } from '../dashboards/dashboard-types';
import { apiUrl, request } from './client';
import { dashboardPath } from './dashboard-hooks';
import { invalidateApi, invalidateUrl } from './use-api';

/** Makes a new dashboard from a document, or from a template by its key. */
export async function createDashboard(
  body: DashboardInput | { template: string; title?: string },
): Promise<Dashboard> {
  const made = await request<Dashboard>(apiUrl('/dashboards'), { method: 'POST', body });
  invalidateUrl(apiUrl('/dashboards'));
  return made;
}

/** Saves a new version; a 409 (ApiError) when someone saved since `version`. */
export async function saveDashboard(
  id: string,
  input: DashboardInput,
  version: number,
): Promise<Dashboard> {
  const saved = await request<Dashboard>(apiUrl(dashboardPath(id)), {
    method: 'POST',
    body: { ...input, version },
  });
  invalidateUrl(apiUrl('/dashboards'));
  invalidateUrl(apiUrl(dashboardPath(id)));
  return saved;
}

export async function duplicateDashboard(id: string, title?: string): Promise<Dashboard> {
  const copy = await request<Dashboard>(apiUrl(`${dashboardPath(id)}/duplicate`), {
    method: 'POST',
    body: title ? { title } : {},
  });
  invalidateUrl(apiUrl('/dashboards'));
  return copy;
}

export async function deleteDashboard(id: string): Promise<void> {
  await request<{ deleted: string }>(apiUrl(dashboardPath(id)), { method: 'DELETE' });
  invalidateApi();
}

/** Downloads a dashboard as the JSON the API stores: the file an import reads. */
export async function exportDashboard(id: string): Promise<void> {
  const dashboard = await request<Dashboard>(apiUrl(dashboardPath(id)));
  const text = `${JSON.stringify(dashboard, null, 2)}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${fileName(dashboard.title, id)}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a title: `clv-deciles`, or the id when the title has no letters. */
export function fileName(title: string, id: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug ? `dashboard-${slug}` : id;
}
