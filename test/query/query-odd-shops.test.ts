import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { collectAnswer } from '../../src/query/query-answer.js';
import { readSnapshotMeta } from '../../src/query/query-snapshot.js';
import { QUERY_TEMPLATES, templateFields } from '../../src/query/query-templates.js';
import { createSavedQuery, listSavedQueries } from '../../src/query/saved-queries.js';
import { runSaved } from '../../src/query/saved-query-runs.js';
import { oddShop, type OddShop } from '../helpers/odd-shops.js';
import { tempProject } from '../helpers/temp-project.js';

// 9 shops by default (every kind once), 60 with CLV_THOROUGH=1.
const SHOPS = process.env['CLV_THOROUGH'] === '1' ? 60 : 9;

const about = (shop: OddShop) => `shop ${shop.seed} (${shop.kind}, ${shop.customers} customers)`;

describe(`the shipped saved queries and dataset on ${SHOPS} small, odd shops`, () => {
  it(
    'materialise the dataset at refresh and answer every query, with no NaN or infinity',
    async () => {
      for (let seed = 1; seed <= SHOPS; seed++) {
        const shop = oddShop(seed);
        const t = await tempProject({ refresh: { cron: null } });
        try {
          const file = await t.file('events.csv', shop.csv);
          await importFile(t.warehouse, t.project, { file, kind: 'events' });
          for (const template of QUERY_TEMPLATES) {
            await createSavedQuery(t.warehouse, templateFields(template), 'local');
          }
          const summary = await refreshAll(t.warehouse, t.project.config, undefined, {
            queryDir: t.project.queryDir,
          });
          expect(
            summary.warnings.filter((w) => w.includes('snapshot')),
            about(shop),
          ).toEqual([]);
          const saved = await listSavedQueries(t.warehouse);
          const dataset = saved.find((q) => q.dataset === 'clv_deciles');
          expect(dataset?.datasetRun, about(shop)).toMatchObject({ error: null });
          // Every active customer once, in a decile from 1 to 10.
          const [rows] = await t.query<{ n: number; customers: number; low: number; high: number }>(
            `SELECT count(*)::INTEGER AS n, count(DISTINCT customer_id)::INTEGER AS customers,
                    coalesce(min(decile), 1)::INTEGER AS low, coalesce(max(decile), 1)::INTEGER AS high
             FROM dataset_clv_deciles`,
          );
          expect(rows?.n, about(shop)).toBe(rows?.customers);
          expect([rows?.low ?? 0, rows?.high ?? 0].every((d) => d >= 1 && d <= 10)).toBe(true);
          const meta = await readSnapshotMeta(t.project.queryDir);
          if (!meta) throw new Error(`${about(shop)}: no snapshot`);
          for (const query of saved.filter((q) => q.dataset === null)) {
            const answer = await collectAnswer(
              await runSaved(async () => meta, t.project.queryDir, t.project.config, query, {}),
            );
            const numbers = answer.rows.flat().filter((cell) => typeof cell === 'number');
            expect(
              numbers.filter((n) => !Number.isFinite(n)),
              `${about(shop)} ${query.name}`,
            ).toEqual([]);
            expect(answer.truncated).toBe(false);
          }
        } finally {
          await t.cleanup();
        }
      }
    },
    SHOPS * 30_000,
  );
});
