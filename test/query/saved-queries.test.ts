import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { readSnapshotMeta } from '../../src/query/query-snapshot.js';
import {
  createSavedQuery,
  deleteSavedQuery,
  editSavedQuery,
  getSavedQuery,
  listSavedQueries,
} from '../../src/query/saved-queries.js';
import { ClvError } from '../../src/shared/errors.js';
import { handMadeShop } from '../helpers/hand-made-shop.js';
import type { TempProject } from '../helpers/temp-project.js';

// The hand-made shop's successful orders: c1 B 50, c2 C 100 (80 GBP at 1.25), c3 e8 20.
const SPENT = `SELECT customer_id, sum(amount) AS spent FROM orders
  WHERE outcome = 'success' AND amount >= {{minimum}} GROUP BY 1 ORDER BY 1`;

let t: TempProject | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const refreshed = async (shop: TempProject) =>
  refreshAll(shop.warehouse, shop.project.config, undefined, { queryDir: shop.project.queryDir });

const failure = async (work: Promise<unknown>): Promise<ClvError> => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ClvError)) throw new Error(`expected a ClvError, got ${String(error)}`);
  return error;
};

describe('saved queries', () => {
  it('keep their parameters typed by name and default, and a version per save', async () => {
    t = await handMadeShop();
    const saved = await createSavedQuery(
      t.warehouse,
      {
        name: 'Spent',
        sql: `${SPENT} -- {{from}} {{segment}}`,
        defaults: { minimum: 25 },
      },
      'ana',
    );
    expect(saved).toMatchObject({
      name: 'Spent',
      owner: 'ana',
      version: 1,
      dataset: null,
      datasetRun: null,
      parameters: [
        { name: 'minimum', type: 'number' },
        { name: 'from', type: 'date' },
        { name: 'segment', type: 'string' },
      ],
    });
    expect(saved.id).toMatch(/^qry_[0-9a-f]{10}$/);
    const edited = await editSavedQuery(t.warehouse, saved.id, { description: 'why' }, 'bo');
    expect(edited).toMatchObject({ version: 2, updatedBy: 'bo', owner: 'ana', sql: saved.sql });
    expect((await listSavedQueries(t.warehouse)).map((q) => q.id)).toEqual([saved.id]);
  });

  it('refuse a taken name or dataset, a default of no parameter, a dataset without defaults', async () => {
    t = await handMadeShop();
    await createSavedQuery(t.warehouse, { name: 'A', sql: 'SELECT 1', dataset: 'a' }, 'x');
    const taken = await failure(createSavedQuery(t.warehouse, { name: 'a', sql: 'SELECT 2' }, 'x'));
    expect(taken.code).toBe('conflict');
    const dataset = await failure(
      createSavedQuery(t.warehouse, { name: 'B', sql: 'SELECT 2', dataset: 'a' }, 'x'),
    );
    expect(dataset.message).toMatch(/dataset "a" is made by qry_/);
    const stray = await failure(
      createSavedQuery(t.warehouse, { name: 'C', sql: 'SELECT 1', defaults: { x: 1 } }, 'x'),
    );
    expect(stray.message).toBe('defaults: the statement has no parameter {{x}}');
    const bare = await failure(
      createSavedQuery(t.warehouse, { name: 'D', sql: 'SELECT {{x}}', dataset: 'd' }, 'x'),
    );
    expect(bare.message).toMatch(/defaults needed for \{\{x\}\}/);
    const name = await failure(
      createSavedQuery(t.warehouse, { name: 'E', sql: 'SELECT 1', dataset: 'x; DROP' }, 'x'),
    );
    expect(name.code).toBe('bad_input');
    expect((await failure(getSavedQuery(t.warehouse, "qry_' OR 1=1"))).message).toBe(
      'no saved query with that id',
    );
  });
});

describe('a dataset', () => {
  it('is materialised at refresh with its defaults, and offered to queries in the snapshot', async () => {
    t = await handMadeShop();
    const saved = await createSavedQuery(
      t.warehouse,
      { name: 'Spent', sql: SPENT, defaults: { minimum: 25 }, dataset: 'spent' },
      'x',
    );
    const summary = await refreshed(t);
    expect(summary.warnings.filter((w) => w.includes('snapshot'))).toEqual([]);
    expect(await t.query('SELECT customer_id, spent FROM dataset_spent ORDER BY 1')).toEqual([
      { customer_id: 'c1', spent: 50 },
      { customer_id: 'c2', spent: 100 },
    ]);
    expect((await getSavedQuery(t.warehouse, saved.id)).datasetRun).toEqual({
      refreshId: summary.refreshId,
      rows: 2,
      error: null,
    });
    const meta = await readSnapshotMeta(t.project.queryDir);
    expect(meta?.tables.find((table) => table.name === 'dataset_spent')).toMatchObject({
      group: 'datasets',
      rows: 2,
      description: 'the saved query Spent',
    });
  });

  it('that fails keeps its last table, records why, and fails no refresh', async () => {
    t = await handMadeShop();
    const saved = await createSavedQuery(
      t.warehouse,
      { name: 'Spent', sql: SPENT, defaults: { minimum: 0 }, dataset: 'spent' },
      'x',
    );
    await refreshed(t);
    await editSavedQuery(t.warehouse, saved.id, { sql: `${SPENT.replace('orders', 'nope')}` }, 'x');
    const second = await refreshed(t);
    expect(await t.query('SELECT count(*)::INTEGER AS n FROM dataset_spent')).toEqual([{ n: 3 }]);
    const run = (await getSavedQuery(t.warehouse, saved.id)).datasetRun;
    expect(run).toMatchObject({ refreshId: second.refreshId, rows: null });
    expect(run?.error).toMatch(/Table with name nope does not exist/);
  });

  it('is dropped with its saved query, or when the query no longer makes it', async () => {
    t = await handMadeShop();
    const a = await createSavedQuery(
      t.warehouse,
      { name: 'A', sql: 'SELECT 1 AS one', dataset: 'one' },
      'x',
    );
    const b = await createSavedQuery(
      t.warehouse,
      { name: 'B', sql: 'SELECT 2 AS two WHERE false', dataset: 'two' },
      'x',
    );
    await refreshed(t);
    // No row to read a type from: its columns are text.
    expect(
      await t.query(
        `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'dataset_two'`,
      ),
    ).toEqual([{ column_name: 'two', data_type: 'VARCHAR' }]);
    await editSavedQuery(t.warehouse, a.id, { dataset: null }, 'x');
    await deleteSavedQuery(t.warehouse, b.id);
    const left = await t.query(
      `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'dataset_%'`,
    );
    expect(left).toEqual([]);
    expect(existsSync(t.project.queryDir)).toBe(true);
  });
});
