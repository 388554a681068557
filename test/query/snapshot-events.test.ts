import { stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { refresh } from '../../src/model/refresh.js';
import { snapshotFile, writeQuerySnapshot } from '../../src/query/query-snapshot.js';
import { Random } from '../../src/shared/random.js';
import { literal } from '../../src/store/sql-text.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

const STEPS = process.env['CLV_THOROUGH'] === '1' ? 40 : 8;

/** The events of the store and of the snapshot: their count, columns and an order-free digest. */
async function eventsOf(t: TempProject, database: 'store' | 'snapshot') {
  const from = database === 'store' ? 'main.events' : 'snap.main.events';
  if (database === 'snapshot') {
    await t.warehouse.run(
      `ATTACH ${literal(snapshotFile(t.project.queryDir))} AS snap (READ_ONLY)`,
    );
  }
  try {
    const [row] = await t.query<{ n: number; digest: string }>(
      `SELECT count(*)::INTEGER AS n,
              coalesce(sum(hash(event_id, customer_id, ts, amount, import_id, source_line)), 0)::VARCHAR
                AS digest
       FROM ${from}`,
    );
    const [columns] = await t.query<{ list: string }>(
      `SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_index) AS list
       FROM duckdb_columns() WHERE database_name = ${database === 'store' ? 'current_database()' : "'snap'"}
         AND schema_name = 'main' AND table_name = 'events'`,
    );
    return { rows: row?.n, digest: row?.digest, columns: columns?.list };
  } finally {
    if (database === 'snapshot') await t.warehouse.run('DETACH snap');
  }
}

/** An events file of `n` purchases by a few customers, with event ids unique to `batch`. */
function purchases(batch: number, n: number, random: Random): string {
  const rows = ['event_id,customer_id,type,timestamp,amount'];
  for (let i = 0; i < n; i++) {
    const day = String(random.int(1, 28)).padStart(2, '0');
    rows.push(
      `b${batch}-${i},c${random.int(0, 6)},purchase,2026-0${random.int(1, 9)}-${day},${random.int(1, 90)}`,
    );
  }
  return `${rows.join('\n')}\n`;
}

/** Imports `csv` as events from a file of that name in the project. */
async function importEvents(t: TempProject, name: string, csv: string): Promise<void> {
  await importFile(t.warehouse, t.project, { file: await t.file(name, csv), kind: 'events' });
}

/** A first import of 20 purchases, refreshed, and its snapshot. */
async function firstSnapshot(t: TempProject, random: Random): Promise<void> {
  await importEvents(t, 'first.csv', purchases(0, 20, random));
  await refresh(t.warehouse, t.project.config);
  await writeQuerySnapshot(t.warehouse, t.project.queryDir, t.project.config.query);
}

describe('the query snapshot keeps its copy of the events across refreshes', () => {
  it(
    `holds exactly the store's events after each of ${STEPS} random imports, removals and column changes`,
    async () => {
      const random = new Random(20261207);
      const t = await tempProject({ refresh: { cron: null } });
      try {
        await firstSnapshot(t, random);
        expect(await eventsOf(t, 'snapshot')).toEqual(await eventsOf(t, 'store'));
        const firstSize = (await stat(snapshotFile(t.project.queryDir))).size;
        let largest = 0;
        const seen = { appended: 0, removed: 0, widened: 0 };
        for (let step = 1; step <= STEPS; step++) {
          const action = step === STEPS - 1 ? 'widen' : random.chance(0.25) ? 'remove' : 'append';
          if (action === 'append') {
            // A few rows, or none at all: an import of only duplicates adds nothing.
            const n = random.int(0, 15);
            await importEvents(
              t,
              `batch-${step}.csv`,
              n > 0 ? purchases(step, n, random) : purchases(0, 3, random),
            );
            seen.appended += 1;
          } else if (action === 'remove') {
            // What the store does on opening after a killed import: that import's events go.
            const [last] = await t.query<{ id: number }>('SELECT max(import_id) AS id FROM events');
            await t.warehouse.run('DELETE FROM events WHERE import_id = $id', {
              id: last?.id ?? 0,
            });
            seen.removed += 1;
          } else {
            await t.warehouse.run('ALTER TABLE events ADD COLUMN note VARCHAR');
            seen.widened += 1;
          }
          await writeQuerySnapshot(t.warehouse, t.project.queryDir, t.project.config.query);
          largest = Math.max(largest, (await stat(snapshotFile(t.project.queryDir))).size);
          expect(await eventsOf(t, 'snapshot'), `step ${step}: ${action}`).toEqual(
            await eventsOf(t, 'store'),
          );
        }
        expect(seen.appended).toBeGreaterThan(0);
        expect(seen.removed + seen.widened).toBeGreaterThan(1);
        // Each new snapshot starts from a copy of the last: what it drops is reused, not piled up
        // (without a checkpoint between the drops and the copies, each file came out twice as big).
        expect(largest).toBeLessThan(firstSize * 1.5);
      } finally {
        await t.cleanup();
      }
    },
    STEPS * 15_000,
  );

  it('is written whole while another connection is writing, which the engine lets no checkpoint pass', async () => {
    const random = new Random(7);
    const t = await tempProject({ refresh: { cron: null } });
    const other = await t.warehouse.fork();
    try {
      await firstSnapshot(t, random);
      await importEvents(t, 'second.csv', purchases(1, 12, random));
      await refresh(t.warehouse, t.project.config);
      // Another connection writes into the snapshot being made just as it would be
      // checkpointed (what a server's concurrent work can amount to): the engine refuses that
      // checkpoint, and the snapshot is made all the same.
      const run = t.warehouse.run.bind(t.warehouse);
      let refused = 0;
      t.warehouse.run = async (sql, params) => {
        const alias = /^CHECKPOINT (query_snapshot_\w+)$/.exec(sql)?.[1];
        if (!alias) return run(sql, params);
        await other.run('BEGIN TRANSACTION');
        await other.run(`CREATE TABLE ${alias}.main.beside AS SELECT 1 AS x`);
        try {
          return await run(sql, params);
        } catch (error) {
          refused += 1;
          throw error;
        } finally {
          await other.run('ROLLBACK');
        }
      };
      await writeQuerySnapshot(t.warehouse, t.project.queryDir, t.project.config.query);
      t.warehouse.run = run;
      expect(refused).toBe(1);
      expect(await eventsOf(t, 'snapshot')).toEqual(await eventsOf(t, 'store'));
    } finally {
      await other.close();
      await t.cleanup();
    }
  }, 60_000);
});
