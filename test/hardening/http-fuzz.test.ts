import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/server/routes/index.js';
import { Random } from '../../src/shared/random.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';
import { rawRequest, refreshedShop } from './http-support.js';

// DECISIONS.md "Test suite size": 1,000 by default, the 10,000 with CLV_THOROUGH=1.
const REQUESTS = process.env['CLV_THOROUGH'] === '1' ? 10_000 : 1_000;
const SEED = 19;

/** Values a clumsy user or an attacker might put in any field, raw (percent-escapes kept). */
const ODD_VALUES = [
  '',
  '%20',
  '2024-01-01',
  '2024-03-01',
  '2025-03-03',
  '2025-03-04',
  '1969-12-31',
  '1900-01-01',
  '9999-12-31',
  '0000-01-01',
  '2024-02-30',
  '2024-1-1',
  '20240101',
  '-1',
  '0',
  '1',
  '0.5',
  '1.5',
  '500',
  '501',
  '1e308',
  '-1e308',
  '1e-320',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '99999999999999999999999',
  '9007199254740993',
  'true',
  'null',
  'undefined',
  '%24%5B',
  '%24.*',
  '%24..*',
  '%5C',
  '%24%5B0',
  '%24.acquisition_channel',
  'attribute:',
  'attribute:%24%5B',
  'attribute:country',
  'attribute:acquisition_channel',
  'attribute:nope',
  'email',
  'sms',
  'month',
  'week',
  'year',
  'previous',
  'predicted',
  'historic',
  'revenue',
  'bgnbd',
  'paretonbd',
  'sbg',
  'events',
  'customers',
  'costs',
  'rates',
  'csv',
  'parquet',
  'c1',
  'nobody',
  "'%3B%20DROP%20TABLE%20events%3B%20--",
  '%22%20OR%201%3D1',
  '%00',
  '%FF',
  '%C3%28',
  '%E2%82',
  '%F0%9D%94%98',
  '%',
  '%ZZ',
  '__proto__',
  'constructor',
  '%7B%7D',
  '%5B%5D',
  'a'.repeat(300),
  'b'.repeat(5000),
  'clv_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
];

const EXTRA_NAMES = ['foo', '__proto__', 'constructor', 'limit', 'offset', 'to', 'from', '%00', ''];

/** Bodies sent to routes that take one: good, empty, malformed, wrong shapes. */
const BODIES: { type?: string; body?: string }[] = [
  {},
  { type: 'application/json', body: '{}' },
  { type: 'application/json', body: '[]' },
  { type: 'application/json', body: 'null' },
  { type: 'application/json', body: '{"role":"read","name":"fuzz"}' },
  { type: 'application/json', body: '{"role":"owner"}' },
  { type: 'application/json', body: '{"holdoutFrom":"2024-02-01"}' },
  { type: 'application/json', body: '{"holdoutFrom":"9999-12-31"}' },
  {
    type: 'application/json',
    body: '[{"event_id":"fuzz","customer_id":"c9","type":"visit","timestamp":"2024-02-01T00:00:00Z"}]',
  },
  { type: 'application/json', body: '[{"event_id":' },
  { type: 'application/json', body: '{"__proto__":{"role":"admin"}}' },
  { type: 'application/x-ndjson', body: '{"customer_id":"c9"}\nnot json' },
  { type: 'text/plain', body: 'hello' },
  { type: 'multipart/form-data; boundary=abc', body: '--abc--\r\n' },
];

describe('a seeded fuzz of query strings over every route', () => {
  let shop: TempProject;
  let api: TestServer;
  beforeAll(async () => {
    shop = await refreshedShop({
      refresh: { cron: null, debounceSeconds: 3600 },
      server: { rateLimitPerMinute: 1_000_000 },
    });
    api = await testServer(shop);
  });
  afterAll(async () => {
    await api.close();
    await shop.cleanup();
  });

  it(
    `answers ${REQUESTS} requests without a 500, every error in the one shape`,
    async () => {
      const random = new Random(SEED);
      const pick = <T>(items: readonly T[]): T =>
        items[Math.floor(random.next() * items.length)] as T;
      const statuses = new Map<number, number>();
      const failures: string[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        // Every route in turn; mostly its own fields, sometimes others.
        const route = apiRoutes[i % apiRoutes.length] as (typeof apiRoutes)[number];
        const path = route.path.replace(/:(\w+)/g, () => pick(ODD_VALUES) || 'x');
        const own = Object.keys(queryShape(route.query));
        const pairs: string[] = [];
        const count = Math.floor(random.next() * 5);
        for (let p = 0; p < count; p++) {
          const name = own.length > 0 && random.next() < 0.85 ? pick(own) : pick(EXTRA_NAMES);
          pairs.push(`${name}=${pick(ODD_VALUES)}`);
        }
        const url = `/api/v1${path}${pairs.length > 0 || random.next() < 0.1 ? '?' : ''}${pairs.join('&')}`;
        const body = route.method === 'GET' ? {} : pick(BODIES);
        const headers: Record<string, string> = { authorization: `Bearer ${api.keys.admin}` };
        if (body.type) headers['content-type'] = body.type;
        const response = await rawRequest(api.url, url, {
          method: route.method,
          headers,
          body: body.body,
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);

        const problem = check(response.status, response.text);
        if (problem) failures.push(`${route.method} ${url} ${body.type ?? ''}: ${problem}`);
      }
      // The counts are printed for the report; a failure lists the requests that broke.
      console.log(
        `fuzz: ${REQUESTS} requests, by status ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
      );
      expect(failures.slice(0, 20)).toEqual([]);
      // Not everything was refused: the fuzz reached the handlers too.
      expect(statuses.get(200) ?? 0).toBeGreaterThan(REQUESTS / 20);
      expect(statuses.get(400) ?? 0).toBeGreaterThan(REQUESTS / 20);
      // About 20 ms a request on two busy cores; refreshes and model fits among them take longer.
    },
    REQUESTS * 120,
  );
});

/** The fields of a route's query schema, when it is an object schema. */
function queryShape(schema: unknown): Record<string, unknown> {
  const shape = (schema as { shape?: unknown } | undefined)?.shape;
  if (typeof shape === 'object' && shape !== null) return shape as Record<string, unknown>;
  // A refined object keeps its shape inside.
  const inner = (schema as { def?: { schema?: unknown } } | undefined)?.def?.schema;
  return inner ? queryShape(inner) : {};
}

/** What is wrong with an answer: a 5xx, or an error body not in the one shape. */
function check(status: number, text: string): string | null {
  if (status >= 500) return `status ${status}: ${text.slice(0, 300)}`;
  if (status < 300) return null;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `status ${status} with a body that is not JSON: ${text.slice(0, 100)}`;
  }
  const error = (body as { error?: Record<string, unknown> }).error;
  const shaped =
    typeof body === 'object' &&
    body !== null &&
    Object.keys(body).length === 1 &&
    typeof error === 'object' &&
    typeof error['code'] === 'string' &&
    typeof error['message'] === 'string' &&
    Object.keys(error).every((key) => ['code', 'message', 'details'].includes(key));
  return shaped ? null : `status ${status} with another shape: ${text.slice(0, 200)}`;
}
