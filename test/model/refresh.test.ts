import { describe, expect } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import type { DerivedTable } from '../../src/model/derived-table.js';
import { refresh } from '../../src/model/refresh.js';
import { derivedTables } from '../../src/model/registry.js';
import { handMadeShop } from '../helpers/hand-made-shop.js';
import { tempProject } from '../helpers/temp-project.js';
import { projectTest } from '../helpers/project-test.js';

const test = projectTest();

describe('refresh: derived tables from a hand-made shop', () => {
  const test = projectTest(() => handMadeShop());

  test('builds orders by the glossary rules', async ({ t }) => {
    await refresh(t.warehouse, t.project.config);
    expect(
      await t.query(
        `SELECT order_key, customer_id, strftime(ts, '%m-%d %H:%M') AS ts, day::VARCHAR AS day,
                status, outcome, amount, events FROM orders ORDER BY order_key`,
      ),
    ).toEqual([
      {
        order_key: 'A',
        customer_id: 'c1',
        ts: '01-10 12:00',
        day: '2024-01-10',
        status: 'returned',
        outcome: 'returned',
        amount: 100,
        events: 2,
      },
      {
        order_key: 'B',
        customer_id: 'c1',
        ts: '02-05 12:00',
        day: '2024-02-05',
        status: null,
        outcome: 'success',
        amount: 50,
        events: 1,
      },
      {
        order_key: 'C',
        customer_id: 'c2',
        ts: '01-15 12:00',
        day: '2024-01-15',
        status: 'success',
        outcome: 'success',
        amount: 100,
        events: 2,
      },
      {
        order_key: 'E',
        customer_id: 'c3',
        ts: '03-01 10:00',
        day: '2024-03-01',
        status: 'canceled',
        outcome: 'canceled',
        amount: 30,
        events: 2,
      },
      {
        order_key: 'F',
        customer_id: 'c4',
        ts: '03-03 09:00',
        day: '2024-03-03',
        status: 'pending',
        outcome: 'other',
        amount: 10,
        events: 1,
      },
      {
        order_key: 'event:e8',
        customer_id: 'c3',
        ts: '03-02 09:00',
        day: '2024-03-02',
        status: 'success',
        outcome: 'success',
        amount: 20,
        events: 1,
      },
    ]);
  });

  test('computes monthly activity, churn and ARPU', async ({ t }) => {
    await refresh(t.warehouse, t.project.config);
    // Successful orders: C (c2, Jan 15, 100), B (c1, Feb 5, 50), e8 (c3, Mar 2, 20).
    // Active spells [o, o + 31 d): c2 Jan 15 - Feb 15, c1 Feb 5 - Mar 7, c3 Mar 2 - Apr 2.
    // Active at Jan 1: none; Feb 1: c2; Mar 1: c1; Apr 1: c3.
    expect(
      await t.query(
        `SELECT month::VARCHAR AS month, revenue, orders, buyers, new_buyers, active_start,
                active_end, churned, churn, arpu FROM monthly_metrics ORDER BY month`,
      ),
    ).toEqual([
      {
        month: '2024-01-01',
        revenue: 100,
        orders: 1,
        buyers: 1,
        new_buyers: 1,
        active_start: 0,
        active_end: 1,
        churned: 0,
        churn: null,
        arpu: 100,
      },
      // c2 was active on Feb 1 and not on Mar 1; c1's first successful order is B (A was returned).
      {
        month: '2024-02-01',
        revenue: 50,
        orders: 1,
        buyers: 1,
        new_buyers: 1,
        active_start: 1,
        active_end: 1,
        churned: 1,
        churn: 1,
        arpu: 50,
      },
      {
        month: '2024-03-01',
        revenue: 20,
        orders: 1,
        buyers: 1,
        new_buyers: 1,
        active_start: 1,
        active_end: 1,
        churned: 1,
        churn: 1,
        arpu: 20,
      },
    ]);
  });

  test('summarises buyers and keeps consent intervals', async ({ t }) => {
    await refresh(t.warehouse, t.project.config);
    expect(
      await t.query(
        `SELECT customer_id, orders, revenue, purchase_days, frequency, first_day::VARCHAR AS first_day
         FROM customer_summary ORDER BY customer_id`,
      ),
    ).toEqual([
      {
        customer_id: 'c1',
        orders: 1,
        revenue: 50,
        purchase_days: 1,
        frequency: 0,
        first_day: '2024-02-05',
      },
      {
        customer_id: 'c2',
        orders: 1,
        revenue: 100,
        purchase_days: 1,
        frequency: 0,
        first_day: '2024-01-15',
      },
      {
        customer_id: 'c3',
        orders: 1,
        revenue: 20,
        purchase_days: 1,
        frequency: 0,
        first_day: '2024-03-02',
      },
    ]);
    expect(
      await t.query(
        `SELECT action, subscribed, channel, strftime(valid_from, '%m-%d') AS valid_from,
                strftime(valid_to, '%m-%d') AS valid_to
         FROM consent_history ORDER BY valid_from, import_id, source_line`,
      ),
    ).toEqual([
      {
        action: 'accept',
        subscribed: true,
        channel: 'email',
        valid_from: '01-01',
        valid_to: '02-01',
      },
      // The revoke and the accept share an instant: the revoke's interval is empty.
      {
        action: 'revoke',
        subscribed: false,
        channel: 'email',
        valid_from: '02-01',
        valid_to: '02-01',
      },
      { action: 'accept', subscribed: true, channel: 'email', valid_from: '02-01', valid_to: null },
    ]);
  });

  test('gives identical tables when the data has not changed, and logs each refresh', async ({
    t,
  }) => {
    const first = await refresh(t.warehouse, t.project.config);
    const snapshot = async () =>
      t.query(`SELECT (SELECT md5(string_agg(o::VARCHAR, '|' ORDER BY order_key)) FROM orders o) AS o,
                      (SELECT md5(string_agg(m::VARCHAR, '|' ORDER BY month)) FROM monthly_metrics m) AS m`);
    const before = await snapshot();
    const second = await refresh(t.warehouse, t.project.config);
    expect(await snapshot()).toEqual(before);
    expect([first.refreshId, second.refreshId]).toEqual([1, 2]);
    expect(second.lastImportId).toBe(2);
    expect(second.tables.find((table) => table.name === 'orders')?.rows).toBe(6);
    expect(
      await t.query('SELECT refresh_id, last_import_id, events FROM refreshes ORDER BY 1'),
    ).toEqual([
      { refresh_id: 1, last_import_id: 2, events: 12 },
      { refresh_id: 2, last_import_id: 2, events: 12 },
    ]);
  });
});

describe('a refresh that fails', () => {
  test('leaves the previous refresh in place and no half-built tables', async ({ keep }) => {
    const t = await keep(handMadeShop());
    await refresh(t.warehouse, t.project.config);
    const broken: DerivedTable = {
      name: 'broken',
      description: 'fails',
      dependsOn: ['orders'],
      sql: 'SELECT no_such_column FROM orders',
    };
    await expect(
      refresh(t.warehouse, t.project.config, [...derivedTables, broken]),
    ).rejects.toThrow('no_such_column');
    // Readers still see refresh 1, whole; the failed generation's schema is gone.
    expect(await t.query('SELECT count(*) AS n FROM orders')).toEqual([{ n: 6 }]);
    expect(await t.query('SELECT refresh_id FROM refreshes')).toEqual([{ refresh_id: 1 }]);
    const generations = () =>
      t.query(
        `SELECT schema_name AS name FROM duckdb_schemas()
         WHERE database_name = current_database() AND schema_name LIKE 'refresh_%'`,
      );
    expect(await generations()).toEqual([{ name: 'refresh_1' }]);
    // The next refresh works and replaces refresh 1's tables.
    expect((await refresh(t.warehouse, t.project.config)).refreshId).toBe(2);
    expect(await generations()).toEqual([{ name: 'refresh_2' }]);
  });
});

describe('refresh in another time zone', () => {
  test('puts orders in the local day and month', async ({ keep }) => {
    const t = await keep(tempProject({ timezone: 'America/New_York' }));
    // 03:00 UTC on Feb 1 is 22:00 on Jan 31 in New York.
    const events = await t.file(
      'events.csv',
      'customer_id,type,timestamp,amount\nc1,purchase,2024-02-01T03:00:00Z,10\n',
    );
    await importFile(t.warehouse, t.project, { file: events, kind: 'events' });
    await refresh(t.warehouse, t.project.config);
    expect(
      await t.query(`SELECT day::VARCHAR AS day, strftime(ts_local, '%H:%M') AS local FROM orders`),
    ).toEqual([{ day: '2024-01-31', local: '22:00' }]);
    expect(await t.query('SELECT month::VARCHAR AS month, revenue FROM monthly_metrics')).toEqual([
      { month: '2024-01-01', revenue: 10 },
    ]);
  });
});
