import { copyFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { messageOf } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';

/**
 * Copying the raw events into each new query snapshot was most of the snapshot's cost on a large
 * shop (9–15 s of the 26 s at a million customers and 9.6 M events: the engine compresses every
 * column again), yet events only ever grow: an import appends its own, under an id above every
 * earlier import's, and the only removal (an abandoned import's rows, when the store is opened)
 * lowers the count of its ids. So the last snapshot's file is copied whole and its events kept
 * when they are still exactly the store's events up to the last import they hold, and only the
 * events of later imports are appended; everything else in it is dropped and copied afresh.
 */

/** How much of the store's events an attached snapshot holds. */
interface HeldEvents {
  lastImportId: number;
  rows: number;
}

/**
 * Starts the snapshot at `temporary` from the published one at `current`, when there is one:
 * a copy of the file. Returns whether it did; `keepEvents` then decides what stays of it.
 */
export async function startFromCurrent(current: string, temporary: string): Promise<boolean> {
  if (!existsSync(current)) return false;
  try {
    await copyFile(current, temporary);
    return true;
  } catch {
    // Removed meanwhile, or the disk full: the snapshot is written from the store alone, into
    // a file of its own, not into what was copied of this one.
    await rm(temporary, { force: true });
    return false;
  }
}

/**
 * In the snapshot attached as `alias` (a copy of the last one), keeps `events` when it is
 * `wanted` and still holds exactly the store's events of the imports up to its last one, with
 * the same columns, and appends the events of later imports; drops every other table, and
 * `events` too when it cannot be kept. Returns whether `events` was kept (and is now whole).
 */
export async function keepEvents(
  warehouse: Warehouse,
  alias: string,
  wanted: boolean,
): Promise<boolean> {
  const held = wanted ? await heldEvents(warehouse, alias) : null;
  const keep = held !== null && (await stillStored(warehouse, alias, held));
  const tables = await warehouse.query<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables()
     WHERE database_name = $alias AND schema_name = 'main'`,
    { alias },
  );
  for (const { name } of tables) {
    if (keep && name === 'events') continue;
    await warehouse.run(`DROP TABLE ${alias}.main."${name.replaceAll('"', '""')}"`);
  }
  // What the drops freed is reused by the tables copied next only once it is checkpointed;
  // without it this file would come out twice the size. The engine refuses while another
  // connection is writing (an import beside a query, say): this one file is then larger, and
  // the next snapshot, which starts from it, frees the space again.
  await warehouse.run(`CHECKPOINT ${alias}`).catch((error: unknown) => {
    if (!/Cannot CHECKPOINT/.test(messageOf(error))) throw error;
  });
  if (!keep || !held) return false;
  await warehouse.run(
    `INSERT INTO ${alias}.main.events SELECT * FROM main.events WHERE import_id > $last`,
    { last: held.lastImportId },
  );
  return true;
}

/** The last import id and the number of the snapshot's events, or null when it has none. */
async function heldEvents(warehouse: Warehouse, alias: string): Promise<HeldEvents | null> {
  const [table] = await warehouse.query<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables()
     WHERE database_name = $alias AND schema_name = 'main' AND table_name = 'events'`,
    { alias },
  );
  if ((table?.n ?? 0) === 0) return null;
  const [row] = await warehouse.query<{ last: number | null; n: number }>(
    `SELECT max(import_id)::BIGINT AS last, count(*)::BIGINT AS n FROM ${alias}.main.events`,
  );
  return { lastImportId: row?.last ?? 0, rows: row?.n ?? 0 };
}

/**
 * Whether the store has the same events columns and exactly as many events of imports up to
 * the held last one: import ids are never given out twice, so equal counts are equal events.
 */
async function stillStored(
  warehouse: Warehouse,
  alias: string,
  held: HeldEvents,
): Promise<boolean> {
  const columns = await warehouse.query<{ database: string; list: string }>(
    `SELECT database_name AS database,
            string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_index) AS list
     FROM duckdb_columns()
     WHERE schema_name = 'main' AND table_name = 'events'
       AND database_name IN (current_database(), $alias)
     GROUP BY database_name`,
    { alias },
  );
  if (columns.length !== 2 || columns[0]?.list !== columns[1]?.list) return false;
  const [stored] = await warehouse.query<{ n: number }>(
    'SELECT count(*)::BIGINT AS n FROM main.events WHERE import_id <= $last',
    { last: held.lastImportId },
  );
  return (stored?.n ?? -1) === held.rows;
}
