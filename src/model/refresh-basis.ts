import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.js';
import { packageVersion } from '../shared/package-version.js';
import type { SqlDialect } from '../store/sql-dialect.js';
import type { Warehouse } from '../store/warehouse.js';
import { derivedSql, type DerivedTable } from './derived-table.js';

/**
 * What a refresh records so that the next one may build on its tables in part: the next one
 * rebuilds only the rows that events imported after `lastImportId` touch, which is right only
 * while everything else its tables were built from is unchanged.
 */
export interface RefreshBasis {
  /** The config, the product's and the engine's versions and the derived tables' SQL, hashed. */
  fingerprint: string;
  /** The last import the refresh saw. */
  lastImportId: number | null;
  /** Events stored when it started: all of imports up to `lastImportId`. */
  events: number;
  /** Whether it left stored events out for being outside the accepted ranges. */
  leftOut: boolean;
  /** The rows table (versioned-rows.ts) of each table that can be built in part. */
  rows: Record<string, string>;
}

/** How a refresh builds its tables: in part on an earlier refresh's, or in full and why. */
export type RefreshStart =
  | { mode: 'incremental'; fromRefresh: number; since: number; rows: Record<string, string> }
  | { mode: 'full'; reason: string };

/**
 * The hash of everything the derived tables are built from besides the stored rows: a change
 * of any of it (a status value, the time zone, an accepted range, a new version of the product
 * or of the engine) rebuilds every table in full.
 */
export function basisFingerprint(
  config: Config,
  model: readonly DerivedTable[],
  dialect: SqlDialect,
  /** The engine's own version: another may compute the same SQL otherwise (a fixed bug, new zone data). */
  engine: string,
): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ version: packageVersion(), engine, config }));
  for (const table of model) {
    hash.update(`\0${table.name}\0`);
    hash.update(derivedSql(table, dialect));
    if (table.incremental) {
      hash.update(table.incremental.changed);
      hash.update(table.incremental.inputs('changed', 'generation'));
    }
  }
  return hash.digest('hex');
}

/**
 * Whether this refresh may build on the last one, given the fingerprint it computed and
 * whether it leaves stored events out. The last refresh must have recorded its basis with the
 * same fingerprint, left nothing out, and its tables of `incrementalTables` must still be
 * there; and the events of the imports it saw must be exactly those it counted (an import
 * undone since, or events removed, would otherwise linger in its tables).
 */
export async function refreshStart(
  warehouse: Warehouse,
  options: {
    fingerprint: string;
    leftOut: boolean;
    full: boolean;
    incrementalTables: readonly string[];
  },
): Promise<RefreshStart> {
  const full = (reason: string): RefreshStart => ({ mode: 'full', reason });
  if (options.full) return full('a full rebuild was asked for');
  if (options.incrementalTables.length === 0) return full('no table can be built in part');
  const [last] = await warehouse.query<{ refresh_id: number; basis: string | null }>(
    `SELECT refresh_id, CAST(basis AS VARCHAR) AS basis FROM refreshes
     ORDER BY refresh_id DESC LIMIT 1`,
  );
  if (!last) return full('this is the first refresh');
  if (last.basis === null) return full(`refresh ${last.refresh_id} recorded no basis to build on`);
  const basis = JSON.parse(last.basis) as RefreshBasis;
  if (basis.fingerprint !== options.fingerprint) {
    return full(`the config or the version changed since refresh ${last.refresh_id}`);
  }
  if (basis.leftOut || options.leftOut) {
    return full('stored events outside the accepted ranges are left out');
  }
  const since = basis.lastImportId ?? 0;
  const [stored] = await warehouse.query<{ n: number }>(
    `SELECT count(*) AS n FROM main.events WHERE import_id <= $since`,
    { since },
  );
  if ((stored?.n ?? 0) !== basis.events) {
    return full(`events imported before refresh ${last.refresh_id} changed since`);
  }
  const rows = options.incrementalTables.map((table) => basis.rows?.[table] ?? '');
  const found = await warehouse.versioned.existing(rows);
  if (found.length < rows.length) {
    return full(`the tables of refresh ${last.refresh_id} are gone`);
  }
  return { mode: 'incremental', fromRefresh: last.refresh_id, since, rows: basis.rows };
}
