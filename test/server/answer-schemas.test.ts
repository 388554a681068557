import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_PREFIX, type ApiRoute } from '../../src/server/route.js';
import { apiRoutes } from '../../src/server/routes/index.js';
import { openProject } from '../../src/config/project.js';
import { openStore } from '../../src/store/open-store.js';
import { ruleAudience } from '../helpers/activation-shop.js';
import { DEMO_HOLDOUT_FROM, servedDemo, type ServedDemo } from '../helpers/served-demo.js';

/** An audience of the demo's top customers by revenue (a real rule), made before the server starts. */
const AUDIENCE = 'aud_00000000de';
let audienceSize = 0;

async function addAudience(dir: string): Promise<void> {
  const warehouse = await openStore(await openProject(dir));
  try {
    const [fortieth] = await warehouse.query<{ revenue: number }>(
      'SELECT revenue FROM customer_features ORDER BY revenue DESC LIMIT 1 OFFSET 39',
    );
    audienceSize = await ruleAudience(warehouse, AUDIENCE, {
      version: 1,
      match: 'all',
      conditions: [
        { type: 'value', field: 'revenue', test: { op: 'gte', value: fortieth?.revenue ?? 0 } },
      ],
    });
  } finally {
    await warehouse.close();
  }
}

// Each route's real answer on the demo shop, held to the schema the route declares (and the
// OpenAPI document shows): the schemas' objects are strict, so a field a handler sends and the
// schema lacks fails here, as does a wrong type or a null where none is declared.

interface Call {
  method: ApiRoute['method'];
  /** Under /api/v1, with the query. */
  path: string;
  body?: unknown;
  form?: boolean;
}

const WINBACK_LIKE = {
  version: 1,
  match: 'all',
  conditions: [
    { type: 'value', field: 'days_since_last_order', test: { op: 'gt', value: 90 } },
    { type: 'consent', channel: 'email', subscribed: true },
  ],
};

/** The calls, in order: reads first, then the writes (on the test's private copy of the demo). */
function calls(customerId: string, localFile: string): Call[] {
  const get = (path: string): Call => ({ method: 'GET', path });
  return [
    get('/status'),
    get('/metrics'),
    get('/metrics?series=month&segment=email&compare=year'),
    get('/metrics/segments?segment=email'),
    get('/metrics/attributes'),
    get('/metrics/order-outcomes'),
    get('/metrics/order-outcomes?segment=email&group=subscribed'),
    get('/metrics/cohorts'),
    get('/metrics/deciles'),
    get('/metrics/deciles?by=predicted'),
    get('/metrics/rfm'),
    get('/metrics/channels'),
    get('/metrics/nps'),
    get('/metrics/catalog'),
    get('/model'),
    get('/model?model=sbg'),
    get('/model/distributions'),
    get('/model/holdout'),
    get('/customers?limit=5'),
    get('/customers/top?limit=5'),
    get('/customers/top?by=historic&limit=5'),
    get('/customers/at-risk?limit=5'),
    get(`/customers/${encodeURIComponent(customerId)}?eventsLimit=20`),
    get('/keys'),
    get('/audiences'),
    get('/audiences/templates'),
    { method: 'POST', path: '/audiences/estimate', body: { rule: WINBACK_LIKE } },
    get('/campaigns'),
    get('/campaigns?from=2026-01-01&to=2026-06-30'),
    get('/destinations'),
    get('/activations'),
    get('/query/schema'),
    {
      method: 'POST',
      path: '/query',
      body: { sql: "SELECT 1 AS one, [1, 2] AS list, {'a': 'b'} AS struct, NULL AS nothing" },
    },
    get('/queries'),
    get('/dashboards'),
    get('/dashboards/templates'),
    { method: 'POST', path: '/model/holdout', body: { holdoutFrom: DEMO_HOLDOUT_FROM } },
    {
      method: 'POST',
      path: '/events',
      body: [
        {
          event_id: 'answer-schema-1',
          customer_id: customerId,
          type: 'purchase',
          timestamp: '2026-10-30T10:00:00Z',
          amount: 12.5,
          currency: 'EUR',
        },
        { event_id: 'answer-schema-2', customer_id: '', type: 'purchase' },
      ],
    },
    { method: 'POST', path: '/imports?kind=costs', form: true },
    { method: 'POST', path: '/imports/local', body: { path: localFile, kind: 'costs' } },
    { method: 'POST', path: '/refresh' },
    { method: 'POST', path: '/keys', body: { role: 'read', name: 'answer schema' } },
    { method: 'POST', path: '/audiences', body: { name: 'answer schema', rule: WINBACK_LIKE } },
  ];
}

/** The route a call reaches: its method and its path with `:param` parts matching any segment. */
function routeOf(call: Call): ApiRoute {
  const path = call.path.split('?')[0] ?? '';
  const found = apiRoutes.find(
    (route) =>
      route.method === call.method &&
      new RegExp(`^${route.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path),
  );
  if (!found) throw new Error(`no route for ${call.method} ${path}`);
  return found;
}

let demo: ServedDemo;
let profileKey = '';
/** The folder of the costs file the server imports where it lies. */
let localDir = '';
const answers = new Map<string, unknown>();

async function send(call: Call): Promise<unknown> {
  const headers: Record<string, string> = { authorization: `Bearer ${demo.keys?.admin ?? ''}` };
  let body: FormData | string | undefined;
  if (call.form) {
    body = new FormData();
    body.set('file', new Blob(['month,channel,spend\n2026-04,social,5\n']), 'costs.csv');
  } else if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${demo.url}${API_PREFIX}${call.path}`, {
    method: call.method,
    headers,
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${call.method} ${call.path}: ${response.status} ${text}`);
  return JSON.parse(text) as unknown;
}

beforeAll(async () => {
  demo = await servedDemo({ keys: true, prepare: addAudience });
  const top = await demo.api<{ items: { customerId: string }[] }>('/customers/top?limit=1');
  const customerId = top.items[0]?.customerId;
  if (customerId === undefined) throw new Error('the demo has no customer');
  profileKey = `GET /customers/${encodeURIComponent(customerId)}?eventsLimit=20`;
  // The server reads this one where it lies, as `clv import` asks it to on loopback.
  localDir = await mkdtemp(join(tmpdir(), 'clv-answer-'));
  const localFile = join(localDir, 'costs.csv');
  await writeFile(localFile, 'month,channel,spend\n2026-05,social,7\n');
  for (const call of calls(customerId, localFile))
    answers.set(`${call.method} ${call.path}`, await send(call));
  {
    // The newest campaign of the demo, as its page shows it.
    const list = answers.get('GET /campaigns') as { campaigns: { id: string }[] };
    const newest = list.campaigns[0]?.id;
    if (newest === undefined) throw new Error('the demo has no campaign');
    const at = `/campaigns/${encodeURIComponent(newest)}`;
    answers.set('GET /campaigns/:id', await send({ method: 'GET', path: at }));
  }
  {
    // A saved query created, read, edited, run and deleted.
    const saved = (await send({
      method: 'POST',
      path: '/queries',
      body: { name: 'answer schema', sql: 'SELECT {{n}}::INTEGER AS n', defaults: { n: 1 } },
    })) as { id: string };
    answers.set('POST /queries', saved);
    const at = `/queries/${saved.id}`;
    answers.set('GET /queries/:id', await send({ method: 'GET', path: at }));
    answers.set(
      'POST /queries/:id',
      await send({ method: 'POST', path: at, body: { description: 'edited' } }),
    );
    answers.set(
      'POST /queries/:id/run',
      await send({ method: 'POST', path: `${at}/run`, body: { params: { n: 2 } } }),
    );
    answers.set('DELETE /queries/:id', await send({ method: 'DELETE', path: at }));
  }
  {
    // A dashboard from a template, read, saved, duplicated, and both deleted.
    const dashboard = (await send({
      method: 'POST',
      path: '/dashboards',
      body: { template: 'clv-deciles' },
    })) as { id: string; version: number };
    answers.set('POST /dashboards', dashboard);
    const at = `/dashboards/${dashboard.id}`;
    const document = (await send({ method: 'GET', path: at })) as Record<string, unknown>;
    answers.set('GET /dashboards/:id', document);
    answers.set(
      'POST /dashboards/:id',
      await send({ method: 'POST', path: at, body: { ...document, title: 'edited' } }),
    );
    const copy = (await send({ method: 'POST', path: `${at}/duplicate`, body: {} })) as {
      id: string;
    };
    answers.set('POST /dashboards/:id/duplicate', copy);
    answers.set('DELETE /dashboards/:id', await send({ method: 'DELETE', path: at }));
    await send({ method: 'DELETE', path: `/dashboards/${copy.id}` });
  }
  const created = answers.get('POST /keys') as { keyId: string };
  const revoke: Call = { method: 'DELETE', path: `/keys/${created.keyId}` };
  answers.set('DELETE /keys/:id', await send(revoke));
  {
    // The audience the calls created, read and edited, then deleted.
    const audience = (answers.get('POST /audiences') as { id: string }).id;
    const at = `/audiences/${audience}`;
    answers.set('GET /audiences/:id', await send({ method: 'GET', path: at }));
    answers.set(
      'POST /audiences/:id',
      await send({ method: 'POST', path: at, body: { description: 'edited' } }),
    );
    answers.set(
      'GET /audiences/:id/members',
      await send({ method: 'GET', path: `${at}/members?limit=5` }),
    );
    answers.set('GET /audiences/:id/history', await send({ method: 'GET', path: `${at}/history` }));
    answers.set('DELETE /audiences/:id', await send({ method: 'DELETE', path: at }));
  }
  {
    // A CSV destination (files in the served project), an activation of the audience with a
    // holdout, a sync that writes its first file, its log, and both removed again.
    const destination = (await send({
      method: 'POST',
      path: '/destinations',
      body: { name: 'answer schema files', kind: 'csv', config: { folder: 'answer-exports' } },
    })) as { id: string };
    answers.set('POST /destinations', destination);
    const activation = (await send({
      method: 'POST',
      path: `/audiences/${AUDIENCE}/activations`,
      body: { destinationId: destination.id, holdoutShare: 0.1 },
    })) as { id: string };
    answers.set('POST /audiences/:id/activations', activation);
    const at = `/activations/${activation.id}`;
    answers.set('POST /activations/:id/sync', await send({ method: 'POST', path: `${at}/sync` }));
    answers.set(
      'GET /activations/:id/deliveries',
      await send({ method: 'GET', path: `${at}/deliveries` }),
    );
    answers.set(
      'GET /activations?audienceId',
      await send({ method: 'GET', path: `/activations?audienceId=${AUDIENCE}` }),
    );
    answers.set('DELETE /activations/:id', await send({ method: 'DELETE', path: at }));
    answers.set(
      'DELETE /destinations/:id',
      await send({ method: 'DELETE', path: `/destinations/${destination.id}` }),
    );
  }
}, 600_000);

afterAll(async () => {
  await demo?.close();
  if (localDir) await rm(localDir, { recursive: true, force: true });
});

describe("every route's real answer matches its declared schema", () => {
  it('calls every route of the API at least once', () => {
    const called = new Set(
      [...answers.keys()].map((key) => {
        const [method, path] = key.split(' ') as [ApiRoute['method'], string];
        const route = routeOf({ method, path: path.replace(':id', 'x') });
        return `${route.method} ${route.path}`;
      }),
    );
    expect([...called].sort()).toEqual(apiRoutes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('parses each answer strictly with its route schema', () => {
    const failures: string[] = [];
    for (const [key, answer] of answers) {
      const [method, path] = key.split(' ') as [ApiRoute['method'], string];
      const result = routeOf({ method, path: path.replace(':id', 'x') }).response.safeParse(answer);
      if (!result.success) failures.push(`${key}: ${z.prettifyError(result.error)}`);
    }
    expect(failures).toEqual([]);
  });

  it('holds what the demo makes: a stored holdout, predictions, segments and the imported costs', () => {
    const holdout = answers.get('GET /model/holdout') as { holdoutFrom: string };
    expect(holdout.holdoutFrom).toBe(DEMO_HOLDOUT_FROM);
    const events = answers.get('POST /events') as { accepted: number; rejected: unknown[] };
    expect(events.accepted).toBe(1);
    expect(events.rejected).toHaveLength(1);
    const costs = answers.get('POST /imports?kind=costs') as { inserted: number; kind: string };
    expect(costs).toMatchObject({ inserted: 1, kind: 'costs', file: 'costs.csv' });
    const metrics = answers.get('GET /metrics?series=month&segment=email&compare=year') as {
      segments: unknown[];
      kpis: { revenue: { series: unknown[] } };
    };
    expect(metrics.segments.length).toBeGreaterThan(0);
    expect(metrics.kpis.revenue.series.length).toBeGreaterThan(0);
    const sbg = answers.get('GET /model?model=sbg') as { retention: unknown };
    expect(sbg.retention).not.toBeNull();
  });

  it('holds what the destination calls made: a first full delivery less the control group', () => {
    const sync = answers.get('POST /activations/:id/sync') as { queued: number; entries: number };
    expect(sync).toMatchObject({ queued: 1, attempted: 1, delivered: 1, exits: 0 });
    // About 40 members (ties at the threshold may add a few), about a tenth withheld.
    expect(audienceSize).toBeGreaterThanOrEqual(40);
    expect(audienceSize).toBeLessThan(60);
    expect(sync.entries).toBeGreaterThan(audienceSize * 0.7);
    expect(sync.entries).toBeLessThan(audienceSize);
    const log = answers.get('GET /activations/:id/deliveries') as {
      deliveries: { kind: string; status: string; members: number }[];
    };
    expect(log.deliveries).toEqual([
      expect.objectContaining({ kind: 'full', status: 'delivered', members: sync.entries }),
    ]);
    const listed = answers.get('GET /activations?audienceId') as {
      activations: { controlMembers: number }[];
    };
    expect(listed.activations[0]?.controlMembers).toBe(audienceSize - sync.entries);
    const demoDestinations = answers.get('GET /destinations') as {
      destinations: { name: string; enabled: boolean }[];
    };
    expect(demoDestinations.destinations).toEqual([
      expect.objectContaining({ name: 'Demo webhook (disabled)', enabled: false }),
    ]);
  });

  it('fails an answer with a field its schema lacks, or a value of the wrong type', () => {
    const status = answers.get('GET /status') as Record<string, unknown>;
    const schema = routeOf({ method: 'GET', path: '/status' }).response;
    expect(schema.safeParse(status).success).toBe(true);
    expect(schema.safeParse({ ...status, undeclared: 1 }).success).toBe(false);
    expect(schema.safeParse({ ...status, eventsSinceRefresh: '3' }).success).toBe(false);
    const profile = answers.get(profileKey) as { historic: Record<string, unknown> };
    const profileSchema = routeOf({ method: 'GET', path: '/customers/x' }).response;
    expect(profileSchema.safeParse(profile).success).toBe(true);
    // Deep in the answer too: the historic figures gain a field.
    const deeper = { ...profile, historic: { ...profile.historic, margin: 0.3 } };
    expect(profileSchema.safeParse(deeper).success).toBe(false);
  });
});
