import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../src/dashboards/dashboard-schema.js';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { QUERY_TEMPLATES, templateFields } from '../../src/query/query-templates.js';
import { createSavedQuery } from '../../src/query/saved-queries.js';
import { handMadeShop } from '../helpers/hand-made-shop.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

let shop: TempProject;
let api: TestServer;
const savedIds = new Map<string, string>();

beforeAll(async () => {
  shop = await handMadeShop();
  await refreshAll(shop.warehouse, shop.project.config);
  // Two of the shipped queries are saved; the retention one is not.
  for (const template of QUERY_TEMPLATES.filter((t) => t.key !== 'retention-by-consent')) {
    const saved = await createSavedQuery(shop.warehouse, templateFields(template), 'local');
    savedIds.set(template.key, saved.id);
  }
  api = await testServer(shop);
});
afterAll(async () => {
  await api.close();
  await shop.cleanup();
});

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  role: 'read' | 'admin' = 'admin',
): Promise<{ status: number; body: T }> {
  const response = await api.request(`/api/v1${path}`, {
    method,
    key: api.keys[role],
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const WIDGET = {
  id: 'revenue',
  title: 'Revenue',
  layout: { x: 0, y: 0, w: 3, h: 4 },
  source: { kind: 'kpi', kpi: 'revenue' },
  visual: { type: 'kpi', format: 'money' },
};

describe('dashboards over the API', () => {
  it('ships three templates whose query widgets name this store’s saved queries', async () => {
    const { body } = await call<{ templates: { key: string; dashboard: Dashboard }[] }>(
      'GET',
      '/dashboards/templates',
    );
    expect(body.templates.map((t) => t.key)).toEqual([
      'clv-deciles',
      'campaign-response',
      'retention-by-consent',
    ]);
    const queryIds = (key: string) =>
      body.templates
        .find((t) => t.key === key)
        ?.dashboard.widgets.flatMap((w) => (w.source.kind === 'query' ? [w.source.queryId] : []));
    expect(queryIds('clv-deciles')).toEqual([
      savedIds.get('clv-deciles-summary'),
      savedIds.get('clv-decile-share'),
    ]);
    // Not saved in this store: the widget names the template, which no saved query is.
    expect(queryIds('retention-by-consent')).toEqual(['template:retention-by-consent']);
  });

  it('creates, saves a version, refuses a stale one, duplicates, exports, imports and deletes', async () => {
    const created = await call<Dashboard>('POST', '/dashboards', {
      title: 'Mine',
      filters: { from: '2024-01-01', to: '2024-03-31', segment: 'email' },
      widgets: [WIDGET],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      schemaVersion: 1,
      version: 1,
      owner: 'test admin',
      title: 'Mine',
      description: '',
      filters: { from: '2024-01-01', to: '2024-03-31', segment: 'email' },
      widgets: [WIDGET],
    });
    const id = created.body.id;
    expect(id).toMatch(/^dsh_[0-9a-f]{10}$/);

    const saved = await call<Dashboard>('POST', `/dashboards/${id}`, {
      ...created.body,
      title: 'Mine, renamed',
    });
    expect(saved.body).toMatchObject({
      version: 2,
      title: 'Mine, renamed',
      updatedBy: 'test admin',
    });
    const stale = await call<{ error: { code: string; details: unknown } }>(
      'POST',
      `/dashboards/${id}`,
      { ...created.body, title: 'lost' },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual({ version: 2 });

    const copy = await call<Dashboard>('POST', `/dashboards/${id}/duplicate`, {});
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      title: 'Mine, renamed (copy)',
      version: 1,
      widgets: [WIDGET],
    });

    // The export is the GET; it imports as it is, under a new id.
    const exported = await call<Dashboard>('GET', `/dashboards/${id}`);
    const imported = await call<Dashboard>('POST', '/dashboards', exported.body);
    expect(imported.status).toBe(201);
    expect(imported.body.id).not.toBe(id);
    expect(imported.body).toMatchObject({ title: 'Mine, renamed', version: 1, widgets: [WIDGET] });

    const list = await call<{ dashboards: { id: string; widgets: number }[] }>(
      'GET',
      '/dashboards',
      undefined,
      'read',
    );
    expect(list.body.dashboards.map((d) => d.id).sort()).toEqual(
      [id, copy.body.id, imported.body.id].sort(),
    );
    for (const gone of [id, copy.body.id, imported.body.id]) {
      expect((await call('DELETE', `/dashboards/${gone}`)).status).toBe(200);
    }
    expect((await call('GET', `/dashboards/${id}`)).status).toBe(404);
  });

  it('names each invalid field of a document, and lets readers read only', async () => {
    const bad = await call<{ error: { details: { field: string }[] } }>('POST', '/dashboards', {
      title: '',
      widgets: [
        { ...WIDGET, layout: { x: 12, y: 0, w: 3, h: 4 } },
        {
          ...WIDGET,
          source: {
            kind: 'query',
            queryId: 'qry_0000000000',
            params: { 'a;b': { filter: 'from' } },
          },
        },
      ],
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.map((d) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.title',
        'body.widgets.0.layout.x',
        'body.widgets.1.source.params.a;b',
      ]),
    );
    const twice = await call<{ error: { message: string } }>('POST', '/dashboards', {
      title: 'twice',
      widgets: [WIDGET, WIDGET],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toContain('widget ids must be unique within a dashboard');
    expect((await call('POST', '/dashboards', { title: 'x' }, 'read')).status).toBe(403);
    expect((await call('GET', '/dashboards/templates', undefined, 'read')).status).toBe(200);
  });

  it('makes a dashboard from a template, titled as asked', async () => {
    const made = await call<Dashboard>('POST', '/dashboards', {
      template: 'campaign-response',
      title: 'Our campaigns',
    });
    expect(made.status).toBe(201);
    expect(made.body.title).toBe('Our campaigns');
    expect(made.body.widgets.map((w) => w.id)).toEqual(['opened-by-audience', 'campaign-funnel']);
    const unknown = await call<{ error: { message: string } }>('POST', '/dashboards', {
      template: 'nope',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('template: no dashboard template "nope"');
    await call('DELETE', `/dashboards/${made.body.id}`);
  });
});
