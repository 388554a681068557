import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Warehouse } from './warehouse.js';

/** The raw tables an import writes; each row carries its import's id. */
const IMPORTED_TABLES = ['events', 'customers', 'costs', 'rates'] as const;

/** An import that a killed process left half written, undone when the store was opened. */
export interface AbandonedImport {
  importId: number;
  /** Rows of it that were stored, now removed. */
  rowsRemoved: number;
  /** Whether its `imports` row had been stored (and was removed with its rows). */
  recorded: boolean;
}

/**
 * Makes an import and its rows one unit, whatever the engine did when a process was killed
 * while committing one. DuckDB writes large appends to the database file before the commit,
 * and replaying its write-ahead log after a kill can keep rows of a transaction that never
 * committed (the engine's open pull request "Fix uncommitted data recovered accidentally",
 * duckdb/duckdb#25931): killed about 10 ms into the commit of 2 M events, a store came back
 * with every event and no `imports` row. Every import writes its `imports` row in the same
 * transaction as its rows, with an id above every earlier one, so on each open:
 *
 * - rows whose import id is above the last recorded import belong to no import: removed;
 * - when the latest import is of events and fewer of its events are stored than its row
 *   says, it came back in part: its row and its events are removed;
 *
 * and the id is recorded in `abandoned_imports`, so it is never given out again. Rejects
 * files of imports that have no row are removed too. Both checks read the import id column
 * with a constant bound, which the engine answers from its per-block minimum and maximum.
 */
export async function recoverImports(
  warehouse: Warehouse,
  rejectsDir: string,
): Promise<AbandonedImport[]> {
  const abandoned = [...(await unrecorded(warehouse)), ...(await torn(warehouse))];
  if (abandoned.length > 0) {
    await warehouse.transaction(async () => {
      for (const { importId, rowsRemoved, recorded } of abandoned) {
        if (recorded) {
          await warehouse.run('DELETE FROM events WHERE import_id = $id', { id: importId });
          await warehouse.run('DELETE FROM imports WHERE import_id = $id', { id: importId });
        }
        await warehouse.run(
          `INSERT OR REPLACE INTO abandoned_imports
           VALUES ($id, current_timestamp::TIMESTAMP, $rows)`,
          { id: importId, rows: rowsRemoved },
        );
      }
      const [last] = await lastImport(warehouse);
      for (const table of IMPORTED_TABLES) {
        await warehouse.run(`DELETE FROM ${table} WHERE import_id > $last`, {
          last: last?.import_id ?? 0,
        });
      }
    });
  }
  await removeStrayRejects(warehouse, rejectsDir);
  return abandoned;
}

/** Ids above the last recorded import that rows carry, with how many rows carry each. */
async function unrecorded(warehouse: Warehouse): Promise<AbandonedImport[]> {
  const [last] = await lastImport(warehouse);
  const union = IMPORTED_TABLES.map(
    (table) => `SELECT import_id FROM ${table} WHERE import_id > $last`,
  ).join(' UNION ALL ');
  const rows = await warehouse.query<{ import_id: number; n: number }>(
    `SELECT import_id, count(*) AS n FROM (${union}) GROUP BY import_id ORDER BY import_id`,
    { last: last?.import_id ?? 0 },
  );
  return rows.map((row) => ({ importId: row.import_id, rowsRemoved: row.n, recorded: false }));
}

/** The latest import when it is of events and fewer of them are stored than it recorded. */
async function torn(warehouse: Warehouse): Promise<AbandonedImport[]> {
  const [last] = await lastImport(warehouse);
  if (!last || last.kind !== 'events') return [];
  const [stored] = await warehouse.query<{ n: number }>(
    'SELECT count(*) AS n FROM events WHERE import_id = $id',
    { id: last.import_id },
  );
  const n = stored?.n ?? 0;
  return n < last.inserted ? [{ importId: last.import_id, rowsRemoved: n, recorded: true }] : [];
}

function lastImport(
  warehouse: Warehouse,
): Promise<{ import_id: number; kind: string; inserted: number }[]> {
  return warehouse.query(
    'SELECT import_id, kind, inserted FROM imports ORDER BY import_id DESC LIMIT 1',
  );
}

/** Removes `<id>.csv` files of the rejects folder whose import has no rejects file recorded. */
async function removeStrayRejects(warehouse: Warehouse, rejectsDir: string): Promise<void> {
  const names = await readdir(rejectsDir).catch(() => [] as string[]);
  const candidates = names.filter((name) => /^\d+\.csv$/.test(name));
  if (candidates.length === 0) return;
  const kept = await warehouse.query<{ import_id: number }>(
    'SELECT import_id FROM imports WHERE rejects_file IS NOT NULL',
  );
  const keep = new Set(kept.map((row) => `${row.import_id}.csv`));
  for (const name of candidates) {
    if (!keep.has(name)) await rm(join(rejectsDir, name), { force: true });
  }
}

/** A line for people about an import that opening the store undid. */
export function describeAbandoned({ importId, rowsRemoved }: AbandonedImport): string {
  return (
    `import ${importId} was stopped while it committed and left ${rowsRemoved.toLocaleString('en')} ` +
    `rows behind; they were removed, so the store is as it was before that import: run it again`
  );
}
