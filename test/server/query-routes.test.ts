import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_TABLES } from '../../src/query/query-catalog.js';
import type { QuerySchema } from '../../src/query/query-schema.js';
import {
  queryAnswerSchema,
  querySchemaSchema,
} from '../../src/server/responses/query-responses.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';
import { queryShop } from '../query/query-shop.js';
import { runningQueryWorkers } from '../query/query-workers.js';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const ORDERS_BY_KEY = 'SELECT order_key, customer_id, amount, day FROM orders ORDER BY order_key';

// The query shop (figures by hand in test/query/query-shop.ts) behind the real server.
describe('POST /api/v1/query and GET /api/v1/query/schema', () => {
  let shop: TempProject;
  let api: TestServer;
  beforeAll(async () => {
    shop = await queryShop();
    api = await testServer(shop);
  });
  afterAll(async () => {
    await api.close();
    await shop.cleanup();
  });

  const post = (body: object, key: string | null = api.keys.read) =>
    api.request('/api/v1/query', {
      method: 'POST',
      key,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers one JSON document with the figures', async () => {
    const response = await post({
      sql: `SELECT count(*) AS orders, sum(amount) FILTER (WHERE outcome = 'success') AS revenue
            FROM orders WHERE day BETWEEN {{from}} AND {{to}}`,
      params: { from: '2024-01-01', to: '2024-02-29' },
    });
    expect(response.status).toBe(200);
    const answer = queryAnswerSchema.parse(await response.json());
    expect(answer.rows).toEqual([[4, 220]]);
    expect(answer).toMatchObject({ rowCount: 1, truncated: false, limit: 10_000, refreshId: 1 });

    const cut = queryAnswerSchema.parse(
      await (await post({ sql: ORDERS_BY_KEY, limit: 2 })).json(),
    );
    expect(cut.rows).toEqual([
      ['A1', 'alice', 100, '2024-01-05'],
      ['A2', 'alice', 40.5, '2024-02-10'],
    ]);
    expect(cut).toMatchObject({ rowCount: 2, truncated: true, limit: 2 });
  });

  it('streams CSV with a header, and JSON lines', async () => {
    const csv = await post({ sql: ORDERS_BY_KEY, format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="query.csv"');
    expect(await csv.text()).toBe(
      [
        'order_key,customer_id,amount,day',
        'A1,alice,100,2024-01-05',
        'A2,alice,40.5,2024-02-10',
        'B1,bob,60,2024-01-20',
        'B2,bob,25,2024-03-01',
        'C1,carol,19.5,2024-02-28',
        '',
      ].join('\n'),
    );

    const lines = await post({ sql: ORDERS_BY_KEY, format: 'ndjson', limit: 2 });
    expect(lines.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(await lines.text()).toBe(
      '{"order_key":"A1","customer_id":"alice","amount":100,"day":"2024-01-05"}\n' +
        '{"order_key":"A2","customer_id":"alice","amount":40.5,"day":"2024-02-10"}\n',
    );
  });

  it('returns Parquet that reads back to the same rows', async () => {
    const response = await post({ sql: ORDERS_BY_KEY, format: 'parquet' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apache.parquet');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PAR1');
    expect(bytes.subarray(-4).toString('latin1')).toBe('PAR1');

    const dir = await mkdtemp(join(tmpdir(), 'clv-query-parquet-'));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const file = join(dir, 'answer.parquet');
      await writeFile(file, bytes);
      const reader = await connection.runAndReadAll(
        `SELECT order_key, customer_id, amount::DOUBLE, day::VARCHAR FROM read_parquet('${file}')`,
      );
      expect(reader.getRowsJS()).toEqual([
        ['A1', 'alice', 100, '2024-01-05'],
        ['A2', 'alice', 40.5, '2024-02-10'],
        ['B1', 'bob', 60, '2024-01-20'],
        ['B2', 'bob', 25, '2024-03-01'],
        ['C1', 'carol', 19.5, '2024-02-28'],
      ]);
      const empty = await post({
        sql: 'SELECT order_key FROM orders WHERE false',
        format: 'parquet',
      });
      await writeFile(file, Buffer.from(await empty.arrayBuffer()));
      const none = await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
      expect(none.columnNames()).toEqual(['order_key']);
      expect(none.currentRowCount).toBe(0);
    } finally {
      connection.closeSync();
      instance.closeSync();
      await rm(dir, { recursive: true, force: true });
    }
    // The folders the answers were written in go once they are sent.
    await expect
      .poll(() => readdir(shop.project.scratchDir).catch(() => []), { timeout: 2000 })
      .toEqual([]);
  });

  it('answers an SQL error 400 with its line and column, and a bad body 400', async () => {
    const response = await post({ sql: 'SELECT *\nFROM nope' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('bad_input');
    expect(body.error.message).toMatch(/^Catalog Error: Table with name nope does not exist!/);
    expect(body.error.details).toEqual({ line: 2, column: 6 });

    const syntax = (await (await post({ sql: 'SELECT 1 +\n  FROM orders' })).json()) as ErrorBody;
    expect(syntax.error.message).toMatch(/syntax error at or near "FROM"/);
    expect(syntax.error.details).toEqual({ line: 2, column: 3 });

    expect((await post({ sql: 'SELECT 1', limit: 1_000_001 })).status).toBe(400);
    expect((await post({ sql: 'SELECT 1', format: 'xlsx' })).status).toBe(400);
    expect((await post({ sql: 'SELECT 1', extra: true })).status).toBe(400);
    expect((await post({ sql: '' })).status).toBe(400);
  });

  it('describes each offered table with its catalog line and its columns', async () => {
    const response = await api.request('/api/v1/query/schema', { key: api.keys.read });
    expect(response.status).toBe(200);
    const schema = querySchemaSchema.parse(await response.json()) as QuerySchema;
    expect(schema.refreshId).toBe(1);
    const catalog = new Map(QUERY_TABLES.map((table) => [table.name, table]));
    expect(schema.tables.length).toBeGreaterThan(20);
    for (const table of schema.tables) {
      expect(table.description, table.name).toBe(catalog.get(table.name)?.description);
      expect(table.group, table.name).toBe(catalog.get(table.name)?.group);
    }
    const names = schema.tables.map((table) => table.name);
    for (const hidden of ['api_keys', 'destinations', 'deliveries']) {
      expect(names).not.toContain(hidden);
    }
    const orders = schema.tables.find((table) => table.name === 'orders');
    expect(orders?.rows).toBe(5);
    expect(orders?.columns).toEqual([
      { name: 'order_key', type: 'VARCHAR' },
      { name: 'customer_id', type: 'VARCHAR' },
      { name: 'ts', type: 'TIMESTAMP' },
      { name: 'ts_local', type: 'TIMESTAMP' },
      { name: 'day', type: 'DATE' },
      { name: 'status', type: 'VARCHAR' },
      { name: 'outcome', type: 'VARCHAR' },
      { name: 'amount', type: 'DECIMAL(38,9)' },
      { name: 'events', type: 'BIGINT' },
    ]);
  });

  it('lets the read and admin roles query; ingest gets 403, no key 401', async () => {
    expect((await post({ sql: 'SELECT 1' }, api.keys.admin)).status).toBe(200);
    expect((await post({ sql: 'SELECT 1' }, api.keys.read)).status).toBe(200);
    expect((await post({ sql: 'SELECT 1' }, api.keys.ingest)).status).toBe(403);
    expect((await post({ sql: 'SELECT 1' }, null)).status).toBe(401);
    const schema = (key: string) => api.request('/api/v1/query/schema', { key });
    expect((await schema(api.keys.ingest)).status).toBe(403);
  });
});

describe('the query service before the first refresh, and past its time limit', () => {
  it('answers 409 until a refresh has run', async () => {
    const t = await tempProject();
    const api = await testServer(t);
    try {
      const response = await api.request('/api/v1/query', {
        method: 'POST',
        key: api.keys.read,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sql: 'SELECT 1' }),
      });
      expect(response.status).toBe(409);
      const body = (await response.json()) as ErrorBody;
      expect(body.error).toEqual({
        code: 'conflict',
        message: 'nothing to query before the first refresh: run `clv refresh`',
      });
      expect((await api.request('/api/v1/query/schema', { key: api.keys.read })).status).toBe(409);
    } finally {
      await api.close();
      await t.cleanup();
    }
  });

  it('stops a statement at query.timeoutSeconds: 504 within a second more, no worker left', async () => {
    const t = await queryShop({ query: { timeoutSeconds: 1 } });
    const api = await testServer(t);
    try {
      const seen = new Set<number>();
      const watch = setInterval(() => {
        for (const pid of runningQueryWorkers()) seen.add(pid);
      }, 50);
      const started = performance.now();
      const response = await api
        .request('/api/v1/query', {
          method: 'POST',
          key: api.keys.read,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            sql: 'SELECT sum(a.range * b.range) FROM range(100000000) AS a, range(100000000) AS b',
          }),
        })
        .finally(() => clearInterval(watch));
      const seconds = (performance.now() - started) / 1000;
      expect(response.status).toBe(504);
      const body = (await response.json()) as ErrorBody;
      expect(body.error.code).toBe('timeout');
      expect(body.error.message).toBe(
        'the query ran past the time limit of 1 s and was stopped (query.timeoutSeconds)',
      );
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThan(2);
      expect(seen.size).toBe(1);
      expect(runningQueryWorkers()).toEqual([]);

      // A streamed format past the limit before its first row (the engine names the columns
      // with the first chunk): the same 504, not a file with a header and no rows.
      const again = performance.now();
      const streamed = await api.request('/api/v1/query', {
        method: 'POST',
        key: api.keys.read,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          sql: 'SELECT a.range FROM range(100000000) AS a, range(100000000) AS b WHERE a.range * b.range = -1',
          format: 'csv',
        }),
      });
      expect(streamed.status).toBe(504);
      expect(((await streamed.json()) as ErrorBody).error.code).toBe('timeout');
      expect((performance.now() - again) / 1000).toBeLessThan(2);
      expect(runningQueryWorkers()).toEqual([]);
    } finally {
      await api.close();
      await t.cleanup();
    }
  });
});
