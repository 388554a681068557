import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { ClvError, messageOf } from '../shared/errors.js';
import { literal } from '../store/sql-text.js';
import type { Warehouse } from '../store/warehouse.js';
import { materialiseDatasets } from './materialise-datasets.js';
import { QUERY_TABLES, type TableGroup } from './query-catalog.js';
import { keepEvents, startFromCurrent } from './snapshot-events.js';

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

/** Every file a snapshot is made of (its database and its description), for copying it whole. */
export function snapshotFiles(queryDir: string): string[] {
  return [snapshotFile(queryDir), join(queryDir, META_FILE)];
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

let writing: Promise<unknown> | null = null;

/**
 * The snapshot of the latest refresh, written first when it is missing or older (a refresh by a
 * process that did not write one, or a failed write). One write at a time in a process.
 */
export async function ensureQuerySnapshot(
  warehouse: Warehouse,
  queryDir: string,
  limits: Config['query'],
): Promise<SnapshotMeta> {
  while (writing) await writing.catch(() => undefined);
  return (
    (await currentSnapshot(warehouse, queryDir)) ?? writeQuerySnapshot(warehouse, queryDir, limits)
  );
}

/** The last snapshot read per query folder: a query need not read its description again. */
const known = new Map<string, SnapshotMeta>();

/**
 * The snapshot when it is that of the latest refresh and none is being written, else null;
 * only reads, so a server can ask on a read connection and take the write lane only to write.
 * A 409 before the first refresh.
 */
export async function currentSnapshot(
  warehouse: Warehouse,
  queryDir: string,
): Promise<SnapshotMeta | null> {
  if (writing) return null;
  const latest = await latestRefresh(warehouse);
  if (latest === null) {
    throw new ClvError('conflict', 'nothing to query before the first refresh: run `clv refresh`');
  }
  const remembered = known.get(queryDir);
  if (remembered?.refreshId === latest && existsSync(snapshotFile(queryDir))) return remembered;
  const meta = await readSnapshotMeta(queryDir);
  if (meta?.refreshId !== latest) return null;
  known.set(queryDir, meta);
  return meta;
}

/** How long attaching a file again waits for the engine to let go of it after a detach. */
const REATTACH_WAIT_MS = 5_000;

/** Runs `work` with `file` attached as `alias`, and always detaches it. */
async function withAttached<T>(
  warehouse: Warehouse,
  file: string,
  alias: string,
  work: () => Promise<T>,
): Promise<T> {
  await attach(warehouse, file, alias);
  try {
    return await work();
  } finally {
    await warehouse.run(`DETACH ${alias}`);
  }
}

/**
 * Attaches `file` as `alias`. A detached file stays open in the engine while a query of
 * another connection that read the catalog meanwhile (`duckdb_tables()`, the information
 * schema: the server's reads do) is still running; attaching it again before that query ends
 * fails with a file handle conflict. Such a query ends within moments: try again until then.
 */
async function attach(warehouse: Warehouse, file: string, alias: string): Promise<void> {
  const deadline = Date.now() + REATTACH_WAIT_MS;
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      await warehouse.run(`ATTACH ${literal(file)} AS ${alias}`);
      return;
    } catch (error) {
      const conflict = /Unique file handle conflict/.test(messageOf(error));
      if (!conflict || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Copies tables of the store into the attached snapshot `alias`, under the same names. */
async function copyTables(warehouse: Warehouse, alias: string, names: readonly string[]) {
  for (const name of names) {
    await warehouse.run(`CREATE TABLE ${alias}.main.${name} AS SELECT * FROM main.${name}`);
  }
}

/** The columns and row counts of the attached snapshot's tables, for those described. */
async function described(
  warehouse: Warehouse,
  alias: string,
  offered: readonly Omit<SnapshotTable, 'rows' | 'columns'>[],
): Promise<SnapshotTable[]> {
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
  return offered.map((table) => ({
    ...table,
    rows: rowsOf.get(table.name) ?? 0,
    columns: columns
      .filter((column) => column.table === table.name)
      .map(({ name, type }) => ({ name, type })),
  }));
}

/** A snapshot written but not yet in place: published, or abandoned, by its writer. */
export interface PendingSnapshot {
  /**
   * Copies the audience tables again (the audience step ran since the start) and the datasets,
   * and renames the snapshot into place.
   */
  publish(): Promise<SnapshotMeta>;
  /** Removes what was written. */
  abandon(): Promise<void>;
}

/**
 * Copies the published tables that the query service offers (and only those: no API keys, no
 * destination secrets) into a database file of their own, which user SQL opens read-only in
 * another process; then materialises the saved queries marked as datasets on that copy and
 * adds their tables to it. Written beside and renamed into place, so that a query never opens
 * half a snapshot; one already open keeps reading the old file.
 */
export async function writeQuerySnapshot(
  warehouse: Warehouse,
  queryDir: string,
  limits: Config['query'],
): Promise<SnapshotMeta> {
  return (await startQuerySnapshot(warehouse, queryDir, limits)).publish();
}

/**
 * The first half of `writeQuerySnapshot`: the copy and the datasets (in the store as
 * `dataset_<name>` when it resolves), not yet in place, so that the refresh evaluates the
 * audiences between the datasets and the snapshot's publication. Until the snapshot is
 * published or abandoned, `ensureQuerySnapshot` waits for it.
 */
export async function startQuerySnapshot(
  warehouse: Warehouse,
  queryDir: string,
  limits: Config['query'],
): Promise<PendingSnapshot> {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  writing = held;
  const tag = warehouse.scratchTag();
  const temporary = join(queryDir, `snapshot-${tag}.tmp.duckdb`);
  const workDir = join(queryDir, `datasets-${tag}`);
  const alias = `query_snapshot_${tag}`;
  const cleanUp = async (): Promise<void> => {
    // A half-written copy (the disk full, say) is never renamed into place.
    await rm(temporary, { force: true });
    await rm(workDir, { recursive: true, force: true });
    if (writing === held) writing = null;
    release();
  };
  try {
    const refreshId = await latestRefresh(warehouse);
    if (refreshId === null) {
      throw new ClvError(
        'conflict',
        'nothing to query before the first refresh: run `clv refresh`',
      );
    }
    await mkdir(queryDir, { recursive: true });
    await rm(temporary, { force: true });
    const present = await mainTables(warehouse);
    const offered = QUERY_TABLES.filter((table) => present.has(table.name));
    const started = await startFromCurrent(snapshotFile(queryDir), temporary);
    await withAttached(warehouse, temporary, alias, async () => {
      const kept = started && (await keepEvents(warehouse, alias, present.has('events')));
      const names = offered.map((table) => table.name);
      await copyTables(warehouse, alias, kept ? names.filter((name) => name !== 'events') : names);
    });
    // The worker that runs a dataset opens the copy read-only: it must be detached meanwhile.
    const datasets = await materialiseDatasets(warehouse, temporary, workDir, limits, refreshId);
    const publish = async (): Promise<SnapshotMeta> => {
      try {
        const all = [
          ...offered,
          ...datasets.map((d) => ({
            name: d.table,
            group: 'datasets' as const,
            description: d.description,
          })),
        ];
        const tables = await withAttached(warehouse, temporary, alias, async () => {
          // Datasets read the audiences as they were before the refresh evaluated them.
          for (const table of offered.filter((t) => t.group === 'audiences')) {
            await warehouse.run(`DROP TABLE ${alias}.main.${table.name}`);
          }
          await copyTables(warehouse, alias, [
            ...offered.filter((t) => t.group === 'audiences').map((t) => t.name),
            ...datasets.map((d) => d.table),
          ]);
          return described(warehouse, alias, all);
        });
        const asOf = present.has('store_as_of')
          ? ((
              await warehouse.query<{ asOf: string | null }>(
                `SELECT strftime(max(as_of), '%Y-%m-%dT%H:%M:%S.%gZ') AS "asOf" FROM main.store_as_of`,
              )
            )[0]?.asOf ?? null)
          : null;
        const meta: SnapshotMeta = {
          refreshId,
          asOf,
          writtenAt: new Date().toISOString(),
          tables,
        };
        await rename(temporary, snapshotFile(queryDir));
        const metaTemporary = join(queryDir, `${META_FILE}.${tag}.tmp`);
        await writeFile(metaTemporary, `${JSON.stringify(meta, null, 2)}\n`);
        await rename(metaTemporary, join(queryDir, META_FILE));
        return meta;
      } finally {
        await cleanUp();
      }
    };
    return { publish, abandon: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** The names of the store's own tables and views. */
async function mainTables(warehouse: Warehouse): Promise<Set<string>> {
  const rows = await warehouse.query<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main'
     UNION ALL
     SELECT view_name FROM duckdb_views()
     WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal`,
  );
  return new Set(rows.map((row) => row.name));
}
