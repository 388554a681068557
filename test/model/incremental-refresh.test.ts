import { describe, expect } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { importFile } from '../../src/ingest/import-file.js';
import { ingestBatch } from '../../src/ingest/ingest-batch.js';
import { refresh, type RefreshSummary } from '../../src/model/refresh.js';
import { derivedSql } from '../../src/model/derived-table.js';
import { dependencyOrder, derivedTables } from '../../src/model/registry.js';
import { usableEvents } from '../../src/model/usable-events.js';
import { Random } from '../../src/shared/random.js';
import { projectTest } from '../helpers/project-test.js';
import type { TempProject } from '../helpers/temp-project.js';

const test = projectTest();

/** Seeded sequences of imports and refreshes: 4 by default, 100 with CLV_THOROUGH=1. */
const SEQUENCES = process.env['CLV_THOROUGH'] ? 100 : 4;

const HEADER =
  'event_id,customer_id,type,timestamp,order_id,amount,currency,status,category,action';

async function importCsv(t: TempProject, name: string, lines: readonly string[]): Promise<void> {
  // Lines without the consent columns get them empty.
  const width = HEADER.split(',').length;
  const padded = lines.map((line) => line + ','.repeat(width - line.split(',').length));
  const file = await t.file(name, [HEADER, ...padded].join('\n'));
  const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
  expect(summary.rejected).toBe(0);
}

/**
 * Every derived table of the published refresh against the same tables built in full on the
 * same store, as a refresh builds them (the usable events, then each table's SELECT in
 * dependency order) but in a schema aside, so that the published tables stay what the next
 * refresh builds on; compared row for row, as multisets.
 */
async function expectSameAsFull(t: TempProject, config: Config): Promise<void> {
  const aside = 'built_in_full';
  const w = t.warehouse;
  await w.generations.create(aside);
  try {
    await usableEvents(w, config, aside);
    await w.generations.readingFirst(aside, async () => {
      for (const table of dependencyOrder(derivedTables)) {
        await w.run(
          `CREATE TABLE ${aside}.${table.name} AS ${derivedSql(table, w.dialect)}`,
          table.params?.(config),
        );
      }
    });
    for (const table of derivedTables) {
      const [diff] = await t.query<{ missing: number; extra: number }>(
        `SELECT (SELECT count(*) FROM (SELECT * FROM ${aside}.${table.name}
                                       EXCEPT ALL SELECT * FROM main.${table.name})) AS missing,
                (SELECT count(*) FROM (SELECT * FROM main.${table.name}
                                       EXCEPT ALL SELECT * FROM ${aside}.${table.name})) AS extra`,
      );
      expect({ table: table.name, missing: diff?.missing, extra: diff?.extra }).toEqual({
        table: table.name,
        missing: 0,
        extra: 0,
      });
    }
  } finally {
    await w.generations.drop(aside);
  }
}

const derivedOnly = (t: TempProject, config: Config = t.project.config): Promise<RefreshSummary> =>
  refresh(t.warehouse, config, derivedTables);

describe('incremental refresh: the orders of new events rebuilt, the rest kept', () => {
  test('a return, a late order and an amount sent later change only their orders', async ({
    t,
  }) => {
    await importCsv(t, 'first.csv', [
      'e1,c1,purchase,2024-01-10T12:00:00Z,A,100,EUR,success',
      'e2,c1,purchase,2024-02-05T12:00:00Z,B,50,EUR,',
      'e3,c2,purchase,2024-01-15T12:00:00Z,C,80,EUR,success',
      'e4,c3,purchase,2024-03-02T09:00:00Z,,20,EUR,success',
    ]);
    const first = await derivedOnly(t);
    expect(first.build).toEqual({ mode: 'full', reason: 'this is the first refresh' });

    const outcome = await ingestBatch(t.warehouse, t.project, [
      // A is returned; C's amount is corrected; D arrives late, before everything else.
      {
        event_id: 'e5',
        customer_id: 'c1',
        type: 'purchase',
        timestamp: '2024-01-20T12:00:00Z',
        order_id: 'A',
        status: 'returned',
      },
      {
        event_id: 'e6',
        customer_id: 'c2',
        type: 'purchase',
        timestamp: '2024-01-16T12:00:00Z',
        order_id: 'C',
        amount: 90,
        currency: 'EUR',
      },
      {
        event_id: 'e7',
        customer_id: 'c4',
        type: 'purchase',
        timestamp: '2023-12-01T08:00:00Z',
        order_id: 'D',
        amount: 5,
        currency: 'EUR',
        status: 'success',
      },
    ]);
    expect(outcome.accepted).toBe(3);
    const second = await derivedOnly(t);
    expect(second.build).toEqual({
      mode: 'incremental',
      fromRefresh: first.refreshId,
      tables: ['orders', 'customer_summary', 'consent_history', 'customer_months'],
    });
    expect(
      await t.query(
        `SELECT order_key, customer_id, strftime(ts, '%Y-%m-%d %H:%M') AS ts, status, outcome,
                amount, events FROM orders ORDER BY order_key`,
      ),
    ).toEqual([
      {
        order_key: 'A',
        customer_id: 'c1',
        ts: '2024-01-10 12:00',
        status: 'returned',
        outcome: 'returned',
        amount: 100,
        events: 2,
      },
      {
        order_key: 'B',
        customer_id: 'c1',
        ts: '2024-02-05 12:00',
        status: null,
        outcome: 'success',
        amount: 50,
        events: 1,
      },
      {
        order_key: 'C',
        customer_id: 'c2',
        ts: '2024-01-15 12:00',
        // Its latest event carries no status: the order's status is none, its outcome the
        // default one (purchase.statusWhenMissing).
        status: null,
        outcome: 'success',
        amount: 90,
        events: 2,
      },
      {
        order_key: 'D',
        customer_id: 'c4',
        ts: '2023-12-01 08:00',
        status: 'success',
        outcome: 'success',
        amount: 5,
        events: 1,
      },
      {
        order_key: 'event:e4',
        customer_id: 'c3',
        ts: '2024-03-02 09:00',
        status: 'success',
        outcome: 'success',
        amount: 20,
        events: 1,
      },
    ]);
    await expectSameAsFull(t, t.project.config);

    // A refresh that fails after building the orders in part leaves rows it added and
    // retired; the next one, of the same id, builds the same on them.
    await ingestBatch(t.warehouse, t.project, [
      {
        event_id: 'e8',
        customer_id: 'c2',
        type: 'purchase',
        timestamp: '2024-04-01T08:00:00Z',
        order_id: 'C',
        status: 'canceled',
      },
    ]);
    const failing = refresh(t.warehouse, t.project.config, derivedTables, [
      () => Promise.reject(new Error('the disk is full')),
    ]);
    await expect(failing).rejects.toThrow(/the disk is full/);
    const [kept] = await t.query<{ rows: number }>(
      `SELECT count(*) AS rows FROM versioned_rows.orders_${first.refreshId}`,
    );
    // The five orders, and the failed refresh's new row of C (its old one marked retired).
    expect(kept?.rows).toBe(6);
    const retried = await derivedOnly(t);
    expect(retried.refreshId).toBe(second.refreshId + 1);
    expect(retried.build).toMatchObject({ mode: 'incremental', fromRefresh: second.refreshId });
    expect(await t.query(`SELECT outcome, events FROM orders WHERE order_key = 'C'`)).toEqual([
      { outcome: 'canceled', events: 3 },
    ]);
    await expectSameAsFull(t, t.project.config);
    // Retired rows go once no published view shows them: one row an order again.
    const [stored] = await t.query<{ rows: number }>(
      `SELECT count(*) AS rows FROM versioned_rows.orders_${first.refreshId}`,
    );
    expect(stored?.rows).toBe(5);

    // Nothing new: built on the last refresh all the same, with nothing to rebuild.
    const again = await derivedOnly(t);
    expect(again.build).toMatchObject({
      mode: 'incremental',
      tables: ['orders', 'customer_summary', 'consent_history', 'customer_months'],
    });
    expect(again.tables.find((table) => table.name === 'orders')?.rows).toBe(5);
  });

  test('says why it builds in full: config, removed events, gone tables, asked', async ({ t }) => {
    await importCsv(t, 'first.csv', ['e1,c1,purchase,2024-01-10T12:00:00Z,A,100,EUR,success']);
    await importCsv(t, 'second.csv', ['e2,c2,purchase,2024-01-11T12:00:00Z,B,10,EUR,done']);
    const first = await derivedOnly(t);
    const config: Config = {
      ...t.project.config,
      purchase: {
        ...t.project.config.purchase,
        successValues: [...t.project.config.purchase.successValues, 'done'],
      },
    };
    const changed = await derivedOnly(t, config);
    expect(changed.build).toEqual({
      mode: 'full',
      reason: `the config or the version changed since refresh ${first.refreshId}`,
    });
    expect(await t.query(`SELECT outcome FROM orders WHERE order_key = 'B'`)).toEqual([
      { outcome: 'success' },
    ]);
    // The import of B undone behind the refresh's back: its order must not linger.
    await t.warehouse.run(`DELETE FROM events WHERE event_id = 'e2'`);
    const removed = await derivedOnly(t, config);
    expect(removed.build).toEqual({
      mode: 'full',
      reason: `events imported before refresh ${changed.refreshId} changed since`,
    });
    expect(await t.query(`SELECT order_key FROM orders`)).toEqual([{ order_key: 'A' }]);
    const asked = await refresh(t.warehouse, config, derivedTables, [], undefined, 0, {
      full: true,
    });
    expect(asked.build).toEqual({ mode: 'full', reason: 'a full rebuild was asked for' });
    await t.warehouse.run(`DROP TABLE versioned_rows.orders_${asked.refreshId} CASCADE`);
    const gone = await derivedOnly(t, config);
    expect(gone.build).toEqual({
      mode: 'full',
      reason: `the tables of refresh ${asked.refreshId} are gone`,
    });
  });

  test(`equals a full rebuild after ${SEQUENCES} seeded sequences of imports and refreshes`, async ({
    t,
  }) => {
    const baseConfig = t.project.config;
    const zones = [baseConfig.timezone, 'America/Sao_Paulo', 'Asia/Kathmandu'];
    const statuses = ['success', 'canceled', 'returned', '', 'pending'];
    const categories = ['newsletter', 'sms', 'loyalty'];
    const actions = ['accept', 'revoke', 'maybe'];
    let eventNo = 0;
    let incremental = 0;
    let fullByConfig = 0;
    for (let sequence = 0; sequence < SEQUENCES; sequence++) {
      const r = new Random(9_100 + sequence);
      // Each sequence on a fresh store: its orders, customers and config are its own.
      await t.warehouse.run('DELETE FROM events');
      await t.warehouse.run('DELETE FROM refreshes');
      let config = baseConfig;
      for (let round = 0; round < 5; round++) {
        const count = r.chance(0.15) ? 0 : r.int(1, 12);
        const events = Array.from({ length: count }, () => {
          const id = `s${sequence}e${eventNo++}`;
          const orderId = r.chance(0.2) ? '' : `o${r.int(1, 10)}`;
          // Late events too: anywhere in the year, whatever came before.
          const day = r.int(1, 360);
          const at = new Date(
            Date.UTC(2024, 0, day, r.int(0, 23), r.chance(0.3) ? 0 : r.int(0, 59)),
          );
          const amount = r.chance(0.2) ? '' : String(r.int(0, 20_000) / 100);
          return {
            id,
            customer: `c${r.int(1, 6)}`,
            at: at.toISOString().replace('.000', ''),
            orderId,
            amount,
            status: statuses[r.int(0, statuses.length - 1)] ?? '',
            // A third are consent events: the states of a few categories, late ones too.
            consent: r.chance(0.3)
              ? {
                  category: categories[r.int(0, categories.length - 1)] ?? '',
                  action: actions[r.int(0, actions.length - 1)] ?? '',
                }
              : null,
          };
        });
        if (events.length > 0 && r.chance(0.5)) {
          await importCsv(
            t,
            `s${sequence}r${round}.csv`,
            events.map((e) =>
              e.consent
                ? `${e.id},${e.customer},consent,${e.at},,,,,${e.consent.category},${e.consent.action}`
                : `${e.id},${e.customer},purchase,${e.at},${e.orderId},${e.amount},${e.amount ? 'EUR' : ''},${e.status}`,
            ),
          );
        } else if (events.length > 0) {
          const outcome = await ingestBatch(
            t.warehouse,
            t.project,
            events.map((e) =>
              e.consent
                ? {
                    event_id: e.id,
                    customer_id: e.customer,
                    type: 'consent',
                    timestamp: e.at,
                    ...e.consent,
                  }
                : {
                    event_id: e.id,
                    customer_id: e.customer,
                    type: 'purchase',
                    timestamp: e.at,
                    ...(e.orderId ? { order_id: e.orderId } : {}),
                    ...(e.amount ? { amount: Number(e.amount), currency: 'EUR' } : {}),
                    ...(e.status ? { status: e.status } : {}),
                  },
            ),
          );
          expect(outcome.rejected).toEqual([]);
        }
        const changeConfig = round > 0 && r.chance(0.2);
        if (changeConfig) {
          config = { ...baseConfig, timezone: zones[r.int(0, zones.length - 1)] ?? 'UTC' };
        }
        const summary = await derivedOnly(t, config);
        if (summary.build.mode === 'incremental') incremental += 1;
        else if (summary.build.reason.startsWith('the config')) fullByConfig += 1;
        if (round === 0) expect(summary.build.mode).toBe('full');
        await expectSameAsFull(t, config);
      }
    }
    // The sequences must have exercised both ways, or they prove nothing.
    expect(incremental).toBeGreaterThan(SEQUENCES);
    expect(fullByConfig).toBeGreaterThan(0);
  });
});
