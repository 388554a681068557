import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KPI_CATALOG } from '../../src/metrics/catalog.js';
import { refresh } from '../../src/model/refresh.js';
import { derivedTables } from '../../src/model/registry.js';
import { handMadeShop } from '../helpers/hand-made-shop.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

interface Entry {
  key: string;
  label: string;
  unit: string;
  good: string;
  monthly: boolean;
  definition: string;
  formula: string;
}

let shop: TempProject;
let api: TestServer;

beforeAll(async () => {
  shop = await handMadeShop({ costs: true, customers: true });
  await refresh(shop.warehouse, shop.project.config, derivedTables);
  api = await testServer(shop);
});
afterAll(async () => {
  await api.close();
  await shop.cleanup();
});

describe('GET /api/v1/metrics/catalog', () => {
  it('answers every KPI of the reports with its label, unit, direction, definition and formula', async () => {
    const response = await api.request('/api/v1/metrics/catalog', { key: api.keys.read });
    expect(response.status).toBe(200);
    const { kpis } = (await response.json()) as { kpis: Entry[] };
    expect(kpis).toEqual(KPI_CATALOG);
    const report = (await (
      await api.request('/api/v1/metrics', { key: api.keys.read })
    ).json()) as { kpis: Record<string, unknown> };
    expect(kpis.map((k) => k.key)).toEqual(Object.keys(report.kpis));
    expect(kpis.find((k) => k.key === 'churn')).toMatchObject({
      label: 'Monthly churn',
      unit: 'rate',
      good: 'down',
      monthly: true,
    });
    expect(kpis.find((k) => k.key === 'clvToCac')).toMatchObject({
      unit: 'ratio',
      good: 'up',
      monthly: false,
      formula: '(predicted CLV when a model is fitted, else rolling CLV) / CAC.',
    });
  });

  it('says which KPIs have a monthly series as the report with series=month gives them', async () => {
    const catalog = (await (
      await api.request('/api/v1/metrics/catalog', { key: api.keys.read })
    ).json()) as { kpis: Entry[] };
    const report = (await (
      await api.request('/api/v1/metrics?from=2024-01-01&to=2024-04-01&series=month', {
        key: api.keys.read,
      })
    ).json()) as { kpis: Record<string, { series?: unknown[] }> };
    for (const { key, monthly } of catalog.kpis) {
      expect([key, report.kpis[key]?.series !== undefined]).toEqual([key, monthly]);
    }
  });

  it('needs a key, and is described with its answer in the OpenAPI document', async () => {
    expect((await api.request('/api/v1/metrics/catalog')).status).toBe(401);
    const document = (await (await api.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const answer = JSON.stringify(document.paths['/api/v1/metrics/catalog']?.get?.responses);
    for (const field of ['label', 'unit', 'good', 'monthly', 'definition', 'formula']) {
      expect(answer).toContain(`"${field}"`);
    }
    expect(answer).toContain('"clvToCac"');
  });
});
