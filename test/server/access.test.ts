import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/server/routes/index.js';
import { handMadeShop } from '../helpers/hand-made-shop.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';
import { refreshAll } from '../../src/pipeline/refresh-all.js';

const SAMPLE_RULE = {
  version: 1,
  match: 'all',
  conditions: [{ type: 'value', field: 'orders', test: { op: 'gte', value: 1 } }],
};

/** A request each route accepts from a caller allowed to make it (hand-made shop data). */
const SAMPLES: Record<string, { path: string; body?: unknown; form?: boolean }> = {
  'GET /status': { path: '/status' },
  'GET /metrics': { path: '/metrics?segment=email' },
  'GET /metrics/catalog': { path: '/metrics/catalog' },
  'GET /metrics/cohorts': { path: '/metrics/cohorts' },
  'GET /metrics/deciles': { path: '/metrics/deciles' },
  'GET /metrics/rfm': { path: '/metrics/rfm' },
  'GET /metrics/channels': { path: '/metrics/channels' },
  'GET /metrics/nps': { path: '/metrics/nps' },
  'GET /model': { path: '/model' },
  'GET /metrics/segments': { path: '/metrics/segments?segment=email' },
  'GET /metrics/attributes': { path: '/metrics/attributes' },
  'GET /metrics/order-outcomes': { path: '/metrics/order-outcomes?segment=email&group=subscribed' },
  'GET /model/distributions': { path: '/model/distributions' },
  'GET /model/holdout': { path: '/model/holdout' },
  'POST /model/holdout': { path: '/model/holdout', body: { holdoutFrom: '2024-03-01' } },
  'GET /customers': { path: '/customers?q=c' },
  'GET /customers/top': { path: '/customers/top?by=historic' },
  'GET /customers/at-risk': { path: '/customers/at-risk' },
  'GET /customers/:id': { path: '/customers/c1' },
  'GET /audiences': { path: '/audiences' },
  'GET /audiences/templates': { path: '/audiences/templates' },
  'POST /audiences/estimate': { path: '/audiences/estimate', body: { rule: SAMPLE_RULE } },
  'POST /audiences': { path: '/audiences', body: { name: 'matrix', rule: SAMPLE_RULE } },
  'GET /audiences/:id': { path: '/audiences/aud_0000000000' },
  'POST /audiences/:id': { path: '/audiences/aud_0000000000', body: { name: 'renamed' } },
  'DELETE /audiences/:id': { path: '/audiences/aud_0000000000' },
  'GET /audiences/:id/members': { path: '/audiences/aud_0000000000/members' },
  'GET /audiences/:id/history': { path: '/audiences/aud_0000000000/history' },
  'GET /campaigns': { path: '/campaigns?from=2024-01-01' },
  'POST /query': { path: '/query', body: { sql: 'SELECT count(*) AS n FROM orders' } },
  'GET /query/schema': { path: '/query/schema' },
  'GET /queries': { path: '/queries' },
  'GET /queries/:id': { path: '/queries/qry_0000000000' },
  'POST /queries': { path: '/queries', body: { name: 'matrix', sql: 'SELECT 1 AS one' } },
  'POST /queries/:id': { path: '/queries/qry_0000000000', body: { name: 'renamed' } },
  'DELETE /queries/:id': { path: '/queries/qry_0000000000' },
  'POST /queries/:id/run': { path: '/queries/qry_0000000000/run', body: {} },
  'GET /dashboards': { path: '/dashboards' },
  'GET /dashboards/templates': { path: '/dashboards/templates' },
  'GET /dashboards/:id': { path: '/dashboards/dsh_0000000000' },
  'POST /dashboards': { path: '/dashboards', body: { title: 'matrix' } },
  'POST /dashboards/:id': {
    path: '/dashboards/dsh_0000000000',
    body: { title: 'renamed', version: 1 },
  },
  'POST /dashboards/:id/duplicate': { path: '/dashboards/dsh_0000000000/duplicate', body: {} },
  'DELETE /dashboards/:id': { path: '/dashboards/dsh_0000000000' },
  'GET /campaigns/:id': { path: '/campaigns/nope' },
  'POST /events': { path: '/events', body: [] },
  'POST /imports': { path: '/imports?kind=costs', form: true },
  // The shop's own costs file, by its path: the test server and its caller are on loopback.
  'POST /imports/local': {
    path: '/imports/local',
    get body() {
      return { path: join(shop.dir, 'costs.csv'), kind: 'costs' };
    },
  },
  'POST /refresh': { path: '/refresh' },
  'GET /keys': { path: '/keys' },
  'POST /keys': { path: '/keys', body: { role: 'read', name: 'matrix' } },
  'DELETE /keys/:id': { path: '/keys/000000000000' },
  'GET /destinations': { path: '/destinations' },
  'POST /destinations': {
    path: '/destinations',
    body: { name: 'matrix', kind: 'csv', config: { folder: 'exports' } },
  },
  'DELETE /destinations/:id': { path: '/destinations/dst_0000000000' },
  'POST /audiences/:id/activations': {
    path: '/audiences/aud_0000000000/activations',
    body: { destinationId: 'dst_0000000000', holdoutShare: 0.1 },
  },
  'GET /activations': { path: '/activations' },
  'DELETE /activations/:id': { path: '/activations/act_0000000000' },
  'GET /activations/:id/deliveries': { path: '/activations/act_0000000000/deliveries' },
  'POST /activations/:id/sync': { path: '/activations/act_0000000000/sync' },
};

let shop: TempProject;
let api: TestServer;

beforeAll(async () => {
  shop = await handMadeShop({ costs: true, customers: true });
  await refreshAll(shop.warehouse, shop.project.config);
  api = await testServer(shop);
});
afterAll(async () => {
  await api.close();
  await shop.cleanup();
});

function send(route: string, key: string | null): Promise<Response> {
  const sample = SAMPLES[route];
  if (!sample) throw new Error(`no sample request for ${route}`);
  const method = route.split(' ')[0] ?? 'GET';
  const init: RequestInit & { key?: string | null } = { method, key };
  if (sample.form) {
    const form = new FormData();
    form.set('file', new Blob(['month,channel,spend\n2024-04,social,5\n']), 'costs.csv');
    init.body = form;
  } else if (sample.body !== undefined) {
    init.body = JSON.stringify(sample.body);
    init.headers = { 'content-type': 'application/json' };
  }
  return api.request(`/api/v1${sample.path}`, init);
}

describe('who may call what', () => {
  it('has a sample request for every route', () => {
    expect(apiRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      Object.keys(SAMPLES).sort(),
    );
  });

  it('answers every route × no key, wrong key and each role as the roles say', async () => {
    const results: string[] = [];
    const expected: string[] = [];
    const wrong = `${api.keys.read.slice(0, -4)}AAAA`;
    for (const route of apiRoutes) {
      const name = `${route.method} ${route.path}`;
      for (const [caller, key] of [
        ['none', null],
        ['wrong', wrong],
        ['ingest', api.keys.ingest],
        ['read', api.keys.read],
        ['admin', api.keys.admin],
      ] as const) {
        const response = await send(name, key);
        const body = (await response.json()) as { error?: { code: string } };
        const allowed = caller === 'admin' || caller === route.access;
        const want = key === null || caller === 'wrong' ? 401 : allowed ? 'ok' : 403;
        // Allowed calls may still be answered 404 (no such key) or 400 (this
        // shop is too small for a holdout fit): anything but 401, 403 or a server error.
        const got = response.status === 401 || response.status === 403 ? response.status : 'ok';
        results.push(`${name} ${caller}: ${got}`);
        expected.push(`${name} ${caller}: ${want}`);
        if (response.status >= 400) expect(body.error?.code).toBeTypeOf('string');
        if (got === 'ok') expect(response.status).toBeLessThan(500);
      }
    }
    expect(results).toEqual(expected);
  });

  it('tells the caller its role in the status, so the dashboard offers admin actions to admins', async () => {
    for (const role of ['read', 'admin'] as const) {
      const response = await api.request('/api/v1/status', { key: api.keys[role] });
      expect(await response.json()).toMatchObject({
        open: false,
        role,
        currency: 'EUR',
        segmentations: ['email', 'sms', 'attribute:country', 'attribute:acquisition_channel'],
      });
    }
  });

  it('never puts a stack trace, SQL or the key in an error', async () => {
    const response = await api.request('/api/v1/customers/nobody', { key: api.keys.read });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'no customer "nobody"' },
    });
    const denied = await api.request('/api/v1/keys', { key: api.keys.read });
    const text = await denied.text();
    expect(text).not.toContain(api.keys.read);
    expect(text).not.toMatch(/at .*\.js|SELECT|Error:/);
  });

  it('names the wrong field of a bad request', async () => {
    const response = await api.request('/api/v1/metrics?from=2025-02-30&series=week', {
      key: api.keys.read,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; message: string; details: { field: string }[] };
    };
    expect(body.error.code).toBe('bad_input');
    expect(body.error.message).toMatch(/^query\.from: must be a date YYYY-MM-DD; query\.series: /);
    expect(body.error.details.map((d) => d.field)).toEqual(['query.from', 'query.series']);
    const keys = await api.request('/api/v1/keys', {
      method: 'POST',
      key: api.keys.admin,
      body: JSON.stringify({ role: 'owner' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(keys.status).toBe(400);
    expect(((await keys.json()) as { error: { message: string } }).error.message).toMatch(
      /^body\.role: /,
    );
  });

  it('sends secure headers', async () => {
    const response = await api.request('/api/v1/status', { key: api.keys.read });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 and lists every route with its role', async () => {
    const response = await api.request('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { 'x-role': string; parameters: { name: string }[] }>>;
    };
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const listed = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(
        ([method, op]) => `${method.toUpperCase()} ${path} ${op['x-role']}`,
      ),
    );
    const routes = apiRoutes.map(
      (r) => `${r.method} /api/v1${r.path.replace(/:(\w+)/g, '{$1}')} ${r.access}`,
    );
    expect(listed.sort()).toEqual(routes.sort());
    // The query fields come from the validating schemas.
    const metrics = document.paths['/api/v1/metrics']?.['get'];
    expect(metrics?.parameters.map((p) => p.name)).toEqual([
      'from',
      'to',
      'segment',
      'series',
      'compare',
    ]);
  });
});
