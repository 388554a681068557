import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { refresh } from '../../src/model/refresh.js';
import { derivedTables } from '../../src/model/registry.js';
import { predictionsStep } from '../../src/predictions/predictions-step.js';
import type { Warehouse } from '../../src/store/warehouse.js';
import { oddShop, type OddShop } from '../helpers/odd-shops.js';
import { tempProject } from '../helpers/temp-project.js';
import { testServer } from '../helpers/test-server.js';

// 9 shops by default (every kind once), 200 with CLV_THOROUGH=1 (the count).
const SHOPS = process.env['CLV_THOROUGH'] === '1' ? 200 : 9;

const READS = [
  '/status',
  '/metrics',
  '/metrics?series=month',
  '/metrics?segment=email',
  '/metrics/deciles',
  '/metrics/deciles?by=predicted',
  '/metrics/cohorts',
  '/metrics/rfm',
  '/metrics/nps',
  '/metrics/channels',
  '/metrics/attributes',
  '/metrics/order-outcomes',
  '/metrics/order-outcomes?segment=email&group=subscribed',
  '/model',
  '/model/holdout',
  '/model/distributions',
  '/customers?limit=5',
  '/customers/top?by=predicted',
  '/customers/top?by=historic',
  '/customers/at-risk',
  '/customers/c0',
];

/** Counts of NaN or ±Infinity per floating column of every table and view in `main`. */
async function nonFinite(warehouse: Warehouse): Promise<string[]> {
  const columns = await warehouse.query<{ table: string; column: string; type: string }>(
    `SELECT table_name AS "table", column_name AS "column", data_type AS type
     FROM information_schema.columns
     WHERE table_schema = 'main' AND data_type IN ('DOUBLE', 'FLOAT', 'DOUBLE[]', 'FLOAT[]')`,
  );
  const found: string[] = [];
  for (const { table, column, type } of columns) {
    const test = type.endsWith('[]')
      ? `len(list_filter("${column}", v -> isnan(v) OR isinf(v))) > 0`
      : `isnan("${column}") OR isinf("${column}")`;
    const [row] = await warehouse.query<{ n: number }>(
      `SELECT count(*) AS n FROM "${table}" WHERE ${test}`,
    );
    if ((row?.n ?? 0) > 0) found.push(`${table}.${column}: ${row?.n}`);
  }
  return found;
}

/** Why a shop failed a check, for the assertion message. */
const about = (shop: OddShop) => `shop ${shop.seed} (${shop.kind}, ${shop.customers} customers)`;

describe(`refresh and every answer on ${SHOPS} small, odd shops`, () => {
  it(
    'refreshes, stores no NaN or Infinity, gives every null prediction a reason, answers every read',
    async () => {
      for (let seed = 1; seed <= SHOPS; seed++) {
        const shop = oddShop(seed);
        const t = await tempProject({ baseCurrency: 'EUR', refresh: { cron: null } });
        try {
          const file = await t.file('events.csv', shop.csv);
          await importFile(t.warehouse, t.project, { file, kind: 'events' });
          const summary = await refresh(t.warehouse, t.project.config, derivedTables, [
            predictionsStep,
          ]);
          expect(
            summary.models.map((m) => m.role),
            about(shop),
          ).toEqual(['purchase', 'spend']);
          for (const model of summary.models) {
            expect(['ok', 'degenerate', 'failed'], about(shop)).toContain(model.status);
            expect(model.reason === null, about(shop)).toBe(model.status === 'ok');
          }
          expect(await nonFinite(t.warehouse), about(shop)).toEqual([]);
          const [unexplained] = await t.query<{ n: number; rows: number }>(
            `SELECT count(*) FILTER (reason IS NULL AND (p_alive IS NULL OR expected_purchases IS NULL
                    OR expected_spend IS NULL OR predicted_clv IS NULL OR predicted_clv_low IS NULL
                    OR predicted_clv_high IS NULL OR spend_low IS NULL OR spend_high IS NULL)) AS n,
                  count(*) AS rows
           FROM customer_predictions`,
          );
          expect(unexplained?.n, about(shop)).toBe(0);
          const [buyers] = await t.query<{ n: number }>(
            `SELECT count(DISTINCT customer_id) AS n FROM orders WHERE outcome = 'success'`,
          );
          expect(unexplained?.rows, about(shop)).toBe(buyers?.n);
          const server = await testServer(t, { keys: false });
          try {
            for (const path of READS) {
              const response = await server.request(`/api/v1${path}`);
              const text = await response.text();
              expect(response.status, `${about(shop)} GET ${path}: ${text.slice(0, 300)}`).toBe(
                200,
              );
              expect(text, `${about(shop)} GET ${path}`).not.toMatch(/NaN|Infinity/);
            }
            // A KPI without a value says why.
            const metrics = (await (await server.request('/api/v1/metrics')).json()) as {
              kpis: Record<string, { value: number | null; reason: string | null }>;
            };
            const unexplainedKpis = Object.entries(metrics.kpis)
              .filter(([, kpi]) => kpi.value === null && kpi.reason === null)
              .map(([key]) => key);
            expect(unexplainedKpis, about(shop)).toEqual([]);
          } finally {
            await server.close();
          }
        } finally {
          await t.cleanup().catch(() => undefined);
        }
      }
    },
    SHOPS * 30_000,
  );
});
