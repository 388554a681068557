import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { collectAnswer, type QueryAnswer } from '../../src/query/query-answer.js';
import type { ParamValue } from '../../src/query/query-placeholders.js';
import { startQuery } from '../../src/query/query-service.js';
import { ensureQuerySnapshot } from '../../src/query/query-snapshot.js';
import { ClvError } from '../../src/shared/errors.js';
import type { TempProject } from '../helpers/temp-project.js';
import { queryShop } from './query-shop.js';
import { runningQueryWorkers } from './query-workers.js';

interface Ask {
  params?: Record<string, ParamValue>;
  limit?: number;
  config?: Config;
}

/** Runs one statement through the service, in its worker, and reads the whole answer. */
async function ask(t: TempProject, sql: string, options: Ask = {}): Promise<QueryAnswer> {
  const query = await startQuery(
    () => ensureQuerySnapshot(t.warehouse, t.project.queryDir, t.project.config.query),
    t.project.queryDir,
    options.config ?? t.project.config,
    { sql, params: options.params, limit: options.limit },
  );
  return collectAnswer(query);
}

/** The ClvError a statement fails with (the test fails if it answers). */
async function failure(t: TempProject, sql: string, options: Ask = {}): Promise<ClvError> {
  const error = await ask(t, sql, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClvError);
  return error as ClvError;
}

// Every statement only reads: one shop serves the whole file.
describe('startQuery over the query shop (figures by hand in query-shop.ts)', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await queryShop();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('counts the orders and sums the successful revenue', async () => {
    const answer = await ask(
      t,
      `SELECT count(*) AS orders, sum(amount) FILTER (WHERE outcome = 'success') AS revenue
       FROM orders`,
    );
    expect(answer.columns).toEqual([
      { name: 'orders', type: 'BIGINT' },
      { name: 'revenue', type: 'DECIMAL(38,9)' },
    ]);
    expect(answer.rows).toEqual([[5, 220]]);
    expect(answer).toMatchObject({ rowCount: 1, truncated: false, limit: 10_000, refreshId: 1 });
    expect(answer.asOf).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const perCustomer = await ask(
      t,
      'SELECT customer_id, orders, revenue, first_day FROM customer_summary ORDER BY customer_id',
    );
    expect(perCustomer.rows).toEqual([
      ['alice', 2, 140.5, '2024-01-05'],
      ['bob', 1, 60, '2024-01-20'],
      ['carol', 1, 19.5, '2024-02-28'],
    ]);
    expect(perCustomer.columns.map((c) => c.type)).toContain('DATE');
  });

  it('binds {{from}} and {{to}}, and a quote in a value stays part of the value', async () => {
    const february = await ask(
      t,
      `SELECT count(*) AS n, sum(amount) AS revenue FROM orders
       WHERE outcome = 'success' AND day BETWEEN {{from}} AND {{ to }}`,
      { params: { from: '2024-02-01', to: '2024-02-29' } },
    );
    expect(february.rows).toEqual([[2, 60]]);

    const who = (value: string) =>
      ask(t, 'SELECT count(*) AS n FROM orders WHERE customer_id = {{who}}', {
        params: { who: value },
      });
    expect((await who('alice')).rows).toEqual([[2]]);
    expect((await who("x' OR '1'='1")).rows).toEqual([[0]]);

    // The engine's own $name works the same way.
    const dollar = await ask(t, 'SELECT count(*) FROM orders WHERE customer_id = $who', {
      params: { who: 'bob' },
    });
    expect(dollar.rows).toEqual([[2]]);
  });

  it('refuses a missing parameter and a from that is not a day', async () => {
    const missing = await failure(t, 'SELECT count(*) FROM orders WHERE customer_id = {{who}}');
    expect(missing.code).toBe('bad_input');
    expect(missing.message).toBe('no value for the parameter $who');
    const notADay = await failure(t, 'SELECT {{from}}', { params: { from: '1 Feb 2024' } });
    expect(notADay.message).toBe('the parameter from must be a day, YYYY-MM-DD');
  });

  it('cuts at the limit and says so; an answer of exactly the limit is whole', async () => {
    const cut = await ask(t, 'SELECT range AS i FROM range(10)', { limit: 3 });
    expect(cut.rows).toEqual([[0], [1], [2]]);
    expect(cut).toMatchObject({ rowCount: 3, truncated: true, limit: 3 });

    const exact = await ask(t, 'SELECT range AS i FROM range(3)', { limit: 3 });
    expect(exact).toMatchObject({ rowCount: 3, truncated: false });

    // Past the engine's first chunk of 2,048 rows.
    const long = await ask(t, 'SELECT range AS i FROM range(5000) ORDER BY i', { limit: 2500 });
    expect(long.rows).toHaveLength(2500);
    expect(long.rows.at(-1)).toEqual([2499]);
    expect(long).toMatchObject({ rowCount: 2500, truncated: true });

    const tooMany = await failure(t, 'SELECT 1', { limit: 1_000_001 });
    expect(tooMany.code).toBe('bad_input');
    expect(tooMany.message).toMatch(/from 1 to 1000000/);
    expect((await failure(t, 'SELECT 1', { limit: 0 })).code).toBe('bad_input');
  });

  it('answers an empty result with its columns and no rows', async () => {
    const empty = await ask(t, "SELECT order_key, amount FROM orders WHERE customer_id = 'nobody'");
    expect(empty.columns.map((c) => c.name)).toEqual(['order_key', 'amount']);
    expect(empty.rows).toEqual([]);
    expect(empty).toMatchObject({ rowCount: 0, truncated: false });
  });

  it('gives integers past 2^53 as text, small ones as numbers, days as YYYY-MM-DD', async () => {
    const answer = await ask(
      t,
      `SELECT 9007199254740993::BIGINT AS big, -9007199254740993::BIGINT AS negative,
              9007199254740991::BIGINT AS safe, 12::HUGEINT AS small,
              170141183460469231731687303715884105727::HUGEINT AS huge,
              [9007199254740993, 7]::BIGINT[] AS list,
              {'n': 9007199254740993::BIGINT} AS struct,
              [1, 2]::INTEGER[2] AS pair,
              DATE '2024-02-29' AS day`,
    );
    expect(answer.rows).toEqual([
      [
        '9007199254740993',
        '-9007199254740993',
        9007199254740991,
        12,
        '170141183460469231731687303715884105727',
        ['9007199254740993', 7],
        { n: '9007199254740993' },
        [1, 2],
        '2024-02-29',
      ],
    ]);
  });

  it('stops the worker at the time limit: timeout within the limit and a second', async () => {
    const config = { ...t.project.config, query: { ...t.project.config.query, timeoutSeconds: 1 } };
    const seen = new Set<number>();
    const watch = setInterval(() => {
      for (const pid of runningQueryWorkers()) seen.add(pid);
    }, 50);
    const started = performance.now();
    const error = await failure(
      t,
      'SELECT sum(a.range * b.range) FROM range(100000000) AS a, range(100000000) AS b',
      { config },
    ).finally(() => clearInterval(watch));
    const seconds = (performance.now() - started) / 1000;
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/time limit of 1 s/);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThan(2);
    // The worker was seen running, and is gone (killed and reaped) once the call returns.
    expect(seen.size).toBe(1);
    expect(runningQueryWorkers()).toEqual([]);
    for (const pid of seen) expect(() => process.kill(pid, 0)).toThrow();
  });

  it('stops the worker when the reader leaves the rows early', async () => {
    const query = await startQuery(
      () => ensureQuerySnapshot(t.warehouse, t.project.queryDir, t.project.config.query),
      t.project.queryDir,
      t.project.config,
      { sql: 'SELECT range AS i FROM range(100000000)', limit: 100_000_000 - 1 },
    ).catch((e: unknown) => e);
    // 100,000,000 - 1 is past maxRows: the limit is checked before a worker starts.
    expect(query).toBeInstanceOf(ClvError);

    const running = await startQuery(
      () => ensureQuerySnapshot(t.warehouse, t.project.queryDir, t.project.config.query),
      t.project.queryDir,
      t.project.config,
      { sql: 'SELECT range AS i FROM range(100000000)', limit: 1_000_000 },
    );
    expect(runningQueryWorkers()).toHaveLength(1);
    for await (const batch of running.batches) {
      expect(batch[0]).toEqual([0]);
      break;
    }
    expect(runningQueryWorkers()).toEqual([]);
  });
});
