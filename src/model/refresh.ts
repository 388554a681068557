import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';
import { dependencyOrder, derivedTables } from './registry.js';

export interface RefreshSummary {
  refreshId: number;
  startedAt: string;
  seconds: number;
  /** The last import the refresh saw: derived tables reflect every import up to it. */
  lastImportId: number | null;
  events: number;
  tables: { name: string; rows: number }[];
}

/**
 * Rebuilds every derived table from scratch, in dependency order, in one transaction: a reader
 * sees either the previous refresh or this one, never half of it.
 */
export async function refresh(warehouse: Warehouse, config: Config): Promise<RefreshSummary> {
  const started = performance.now();
  return warehouse.transaction(async () => {
    const [state] = await warehouse.query<{
      id: number;
      last_import: number | null;
      events: number;
      now: string;
    }>(
      `SELECT (SELECT coalesce(max(refresh_id), 0) + 1 FROM refreshes) AS id,
              (SELECT max(import_id) FROM imports) AS last_import,
              (SELECT count(*) FROM events) AS events,
              strftime(current_timestamp AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS now`,
    );
    const tables: RefreshSummary['tables'] = [];
    for (const table of dependencyOrder(derivedTables)) {
      await warehouse.run(
        `CREATE OR REPLACE TABLE ${table.name} AS ${table.sql}`,
        table.params?.(config),
      );
      const [count] = await warehouse.query<{ n: number }>(
        `SELECT count(*) AS n FROM ${table.name}`,
      );
      tables.push({ name: table.name, rows: count?.n ?? 0 });
    }
    const summary: RefreshSummary = {
      refreshId: state?.id ?? 1,
      startedAt: state?.now ?? '',
      seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
      lastImportId: state?.last_import ?? null,
      events: state?.events ?? 0,
      tables,
    };
    await warehouse.run(
      `INSERT INTO refreshes VALUES ($id, $startedAt::TIMESTAMP, $seconds, $lastImport, $events)`,
      {
        id: summary.refreshId,
        startedAt: summary.startedAt.replace('T', ' ').replace('Z', ''),
        seconds: summary.seconds,
        lastImport: summary.lastImportId,
        events: summary.events,
      },
    );
    return summary;
  });
}
