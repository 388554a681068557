import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClvError } from '../shared/errors.js';
import { literal } from '../store/sql-text.js';
import type { Warehouse } from '../store/warehouse.js';
import { QUERY_TABLES, type TableGroup } from './query-catalog.js';

/** A table of the snapshot as the schema shows it. */
export interface SnapshotTable {
  name: string;
  group: TableGroup;
  description: string;
  rows: number;
  columns: { name: string; type: string }[];
}

/** What a snapshot holds and which refresh it copies. */
export interface SnapshotMeta {
  refreshId: number;
  asOf: string | null;
  writtenAt: string;
  tables: SnapshotTable[];
}

const DATABASE_FILE = 'snapshot.duckdb';
const META_FILE = 'snapshot.json';

/** The snapshot's database file in the project's query folder. */
export function snapshotFile(queryDir: string): string {
  return join(queryDir, DATABASE_FILE);
}

/** The refresh every published table comes from, or null before the first. */
async function latestRefresh(warehouse: Warehouse): Promise<number | null> {
  const [row] = await warehouse.query<{ id: number | null }>(
    'SELECT max(refresh_id) AS id FROM refreshes',
  );
  return row?.id ?? null;
}

/** The snapshot's description, or null when there is none (or it cannot be read). */
export async function readSnapshotMeta(queryDir: string): Promise<SnapshotMeta | null> {
  if (!existsSync(snapshotFile(queryDir))) return null;
  try {
    return JSON.parse(await readFile(join(queryDir, META_FILE), 'utf8')) as SnapshotMeta;
  } catch {
    return null;
  }
}

let writing: Promise<SnapshotMeta> | null = null;

/**
 * The snapshot of the latest refresh, written first when it is missing or older (a refresh by a
 * process that did not write one, or a failed write). One write at a time in a process.
 */
export async function ensureQuerySnapshot(
  warehouse: Warehouse,
  queryDir: string,
): Promise<SnapshotMeta> {
  while (writing) await writing.catch(() => undefined);
  const latest = await latestRefresh(warehouse);
  if (latest === null) {
    throw new ClvError('conflict', 'nothing to query before the first refresh: run `clv refresh`');
  }
  const meta = await readSnapshotMeta(queryDir);
  if (meta?.refreshId === latest) return meta;
  return writeQuerySnapshot(warehouse, queryDir);
}

/**
 * Copies the published tables that the query service offers (and only those: no API keys, no
 * destination secrets) into a database file of their own, which user SQL opens read-only in
 * another process. Written beside and renamed into place, so that a query never opens half a
 * snapshot; one already open keeps reading the old file.
 */
export function writeQuerySnapshot(warehouse: Warehouse, queryDir: string): Promise<SnapshotMeta> {
  const write = (async () => {
    const refreshId = await latestRefresh(warehouse);
    if (refreshId === null) {
      throw new ClvError(
        'conflict',
        'nothing to query before the first refresh: run `clv refresh`',
      );
    }
    await mkdir(queryDir, { recursive: true });
    const tag = warehouse.scratchTag();
    const temporary = join(queryDir, `snapshot-${tag}.tmp.duckdb`);
    await rm(temporary, { force: true });
    const alias = `query_snapshot_${tag}`;
    const present = new Set(
      (
        await warehouse.query<{ name: string }>(
          `SELECT table_name AS name FROM duckdb_tables()
           WHERE database_name = current_database() AND schema_name = 'main'
           UNION ALL
           SELECT view_name FROM duckdb_views()
           WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal`,
        )
      ).map((row) => row.name),
    );
    const offered = QUERY_TABLES.filter((table) => present.has(table.name));
    await warehouse.run(`ATTACH ${literal(temporary)} AS ${alias}`);
    let tables: SnapshotTable[];
    let copied = false;
    try {
      for (const table of offered) {
        await warehouse.run(
          `CREATE TABLE ${alias}.main.${table.name} AS SELECT * FROM main.${table.name}`,
        );
      }
      const columns = await warehouse.query<{ table: string; name: string; type: string }>(
        `SELECT table_name AS "table", column_name AS name, data_type AS type
         FROM duckdb_columns() WHERE database_name = $alias ORDER BY table_name, column_index`,
        { alias },
      );
      const counts = await warehouse.query<{ name: string; rows: number }>(
        `SELECT table_name AS name, estimated_size AS rows FROM duckdb_tables()
         WHERE database_name = $alias`,
        { alias },
      );
      const rowsOf = new Map(counts.map((row) => [row.name, row.rows]));
      tables = offered.map((table) => ({
        ...table,
        rows: rowsOf.get(table.name) ?? 0,
        columns: columns
          .filter((column) => column.table === table.name)
          .map(({ name, type }) => ({ name, type })),
      }));
      copied = true;
    } finally {
      await warehouse.run(`DETACH ${alias}`);
      // A half-written copy (the disk full, say) is never renamed into place.
      if (!copied) await rm(temporary, { force: true });
    }
    const asOf = present.has('store_as_of')
      ? ((
          await warehouse.query<{ asOf: string | null }>(
            `SELECT strftime(max(as_of), '%Y-%m-%dT%H:%M:%S.%gZ') AS "asOf" FROM main.store_as_of`,
          )
        )[0]?.asOf ?? null)
      : null;
    const meta: SnapshotMeta = { refreshId, asOf, writtenAt: new Date().toISOString(), tables };
    await rename(temporary, snapshotFile(queryDir));
    const metaTemporary = join(queryDir, `${META_FILE}.${tag}.tmp`);
    await writeFile(metaTemporary, `${JSON.stringify(meta, null, 2)}\n`);
    await rename(metaTemporary, join(queryDir, META_FILE));
    return meta;
  })();
  writing = write;
  return write.finally(() => {
    if (writing === write) writing = null;
  });
}
