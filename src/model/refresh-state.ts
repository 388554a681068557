import type { Warehouse } from '../store/warehouse.js';
import type { ModelState } from './derived-table.js';

/** The last refresh that succeeded, as the server's status shows it. */
export interface LastRefresh {
  refreshId: number;
  /** UTC, ISO 8601. */
  startedAt: string;
  seconds: number;
  events: number;
}

/** The last successful refresh (null before the first) and the events stored since it. */
export async function lastRefresh(
  warehouse: Warehouse,
): Promise<{ lastRefresh: LastRefresh | null; eventsSinceRefresh: number }> {
  const [row] = await warehouse.query<{
    refresh_id: number | null;
    started_at: string | null;
    seconds: number | null;
    events: number | null;
    since: number;
  }>(
    `WITH last AS (SELECT * FROM refreshes ORDER BY refresh_id DESC LIMIT 1)
     SELECT last.refresh_id, strftime(last.started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at,
            last.seconds, last.events,
            (SELECT count(*) FROM events
             WHERE import_id > coalesce((SELECT last_import_id FROM last), -1)) AS since
     FROM (SELECT 1) one LEFT JOIN last ON true`,
  );
  return {
    lastRefresh:
      row?.refresh_id == null
        ? null
        : {
            refreshId: row.refresh_id,
            startedAt: row.started_at ?? '',
            seconds: row.seconds ?? 0,
            events: row.events ?? 0,
          },
    eventsSinceRefresh: row?.since ?? 0,
  };
}

/** The models of the last refresh, and a change of purchase model against the one before. */
export async function refreshModels(
  warehouse: Warehouse,
): Promise<{ models: ModelState[]; modelChange: { from: string; to: string } | null }> {
  const rows = await warehouse.query<{ models: string }>(
    `SELECT CAST(models AS VARCHAR) AS models FROM refreshes
     WHERE models IS NOT NULL ORDER BY refresh_id DESC LIMIT 2`,
  );
  const [last, before] = rows.map((row) => JSON.parse(row.models) as ModelState[]);
  const purchase = (states: ModelState[] | undefined) =>
    states?.find((state) => state.role === 'purchase')?.model;
  const from = purchase(before);
  const to = purchase(last);
  return {
    models: last ?? [],
    modelChange: from && to && from !== to ? { from, to } : null,
  };
}
