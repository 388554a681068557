import { randomBytes } from 'node:crypto';
import { ClvError } from '../shared/errors.js';
import { isId } from '../shared/ids.js';
import type { Warehouse } from '../store/warehouse.js';
import {
  DASHBOARD_SCHEMA_VERSION,
  dashboardInputSchema,
  type Dashboard,
  type DashboardInput,
  type DashboardSummary,
} from './dashboard-schema.js';

const ISO_MS = `'%Y-%m-%dT%H:%M:%S.%gZ'`;
const COLUMNS = `dashboard_id AS id, document::VARCHAR AS document, version, owner,
  strftime(created_at, ${ISO_MS}) AS created_at, strftime(updated_at, ${ISO_MS}) AS updated_at,
  updated_by`;

interface StoredRow {
  [key: string]: string | number;
  id: string;
  document: string;
  version: number;
  owner: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

function fromStored(row: StoredRow): Dashboard {
  // Stored documents were valid when saved; parsing again fills defaults a later format adds.
  const document = dashboardInputSchema.parse(JSON.parse(row.document));
  return {
    id: row.id,
    ...document,
    version: row.version,
    owner: row.owner,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

const now = () => new Date().toISOString().replace('T', ' ').replace('Z', '');

/** Every dashboard, the last updated first. */
export async function listDashboards(warehouse: Warehouse): Promise<DashboardSummary[]> {
  const rows = await warehouse.query<StoredRow>(
    `SELECT ${COLUMNS} FROM dashboards ORDER BY updated_at DESC, dashboard_id`,
  );
  return rows.map(fromStored).map((dashboard) => ({
    id: dashboard.id,
    title: dashboard.title,
    description: dashboard.description,
    widgets: dashboard.widgets.length,
    version: dashboard.version,
    owner: dashboard.owner,
    updatedAt: dashboard.updatedAt,
  }));
}

/** One dashboard; 404 for an unknown id (echoed only when it has the shape of one). */
export async function getDashboard(warehouse: Warehouse, id: string): Promise<Dashboard> {
  const [row] = isId('dsh', id)
    ? await warehouse.query<StoredRow>(
        `SELECT ${COLUMNS} FROM dashboards WHERE dashboard_id = $id`,
        { id },
      )
    : [];
  if (!row) {
    throw new ClvError(
      'not_found',
      isId('dsh', id) ? `no dashboard ${id}` : 'no dashboard with that id',
    );
  }
  return fromStored(row);
}

/** Saves a new dashboard, version 1, owned by `who`. */
export async function createDashboard(
  warehouse: Warehouse,
  input: DashboardInput,
  who: string,
): Promise<Dashboard> {
  const id = `dsh_${randomBytes(5).toString('hex')}`;
  const at = now();
  await warehouse.run(
    `INSERT INTO dashboards VALUES ($id, $title, $document::JSON, $schemaVersion, 1, $who,
       $at::TIMESTAMP, $at::TIMESTAMP, $who)`,
    {
      id,
      title: input.title,
      document: JSON.stringify(input),
      schemaVersion: DASHBOARD_SCHEMA_VERSION,
      who,
      at,
    },
  );
  return getDashboard(warehouse, id);
}

/**
 * Saves the next version of a dashboard in place of `version`: when someone saved since, the
 * save is refused (409) rather than losing their change.
 */
export async function saveDashboard(
  warehouse: Warehouse,
  id: string,
  input: DashboardInput,
  version: number,
  who: string,
): Promise<Dashboard> {
  const current = await getDashboard(warehouse, id);
  if (current.version !== version) {
    throw new ClvError(
      'conflict',
      `the dashboard was saved by ${current.updatedBy} at ${current.updatedAt} (version ${current.version}) since you opened version ${version}: reload it`,
      { details: { version: current.version } },
    );
  }
  const changed = await warehouse.run(
    `UPDATE dashboards SET title = $title, document = $document::JSON,
       schema_version = $schemaVersion, version = version + 1, updated_at = $at::TIMESTAMP,
       updated_by = $who
     WHERE dashboard_id = $id AND version = $version`,
    {
      id,
      title: input.title,
      document: JSON.stringify(input),
      schemaVersion: DASHBOARD_SCHEMA_VERSION,
      version,
      who,
      at: now(),
    },
  );
  if (changed === 0) throw new ClvError('conflict', 'the dashboard was saved meanwhile: reload it');
  return getDashboard(warehouse, id);
}

/** A copy of a dashboard, owned by `who`, titled "<title> (copy)" unless named. */
export async function duplicateDashboard(
  warehouse: Warehouse,
  id: string,
  title: string | undefined,
  who: string,
): Promise<Dashboard> {
  const dashboard = await getDashboard(warehouse, id);
  // The schema drops what the store keeps of the original (id, version, owner, times).
  const copy = dashboardInputSchema.parse({
    ...dashboard,
    title: title ?? `${dashboard.title} (copy)`.slice(0, 200),
  });
  return createDashboard(warehouse, copy, who);
}

/** Deletes a dashboard. */
export async function deleteDashboard(
  warehouse: Warehouse,
  id: string,
): Promise<{ deleted: string }> {
  await getDashboard(warehouse, id);
  await warehouse.run('DELETE FROM dashboards WHERE dashboard_id = $id', { id });
  return { deleted: id };
}
