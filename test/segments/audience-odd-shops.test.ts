import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { audienceHistory } from '../../src/segments/audience-history.js';
import { audienceMembers } from '../../src/segments/audience-members.js';
import { audienceTemplates } from '../../src/segments/audience-templates.js';
import { createAudience, listAudiences } from '../../src/segments/audiences.js';
import { estimateAudience } from '../../src/segments/estimate-audience.js';
import { oddShop, type OddShop } from '../helpers/odd-shops.js';
import { tempProject } from '../helpers/temp-project.js';

// 9 shops by default (every kind once), 200 with CLV_THOROUGH=1.
const SHOPS = process.env['CLV_THOROUGH'] === '1' ? 200 : 9;

const about = (shop: OddShop) => `shop ${shop.seed} (${shop.kind}, ${shop.customers} customers)`;

/** Every number anywhere in a value that is NaN or ±Infinity, by its path. */
function nonFinite(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${value}`];
  if (Array.isArray(value)) return value.flatMap((item, i) => nonFinite(item, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => nonFinite(item, `${path}.${key}`));
  }
  return [];
}

describe(`audiences on ${SHOPS} small, odd shops`, () => {
  it(
    'says to refresh first, then creates and estimates every template with finite figures',
    async () => {
      for (let seed = 1; seed <= SHOPS; seed++) {
        const shop = oddShop(seed);
        const t = await tempProject({ baseCurrency: 'EUR', refresh: { cron: null } });
        try {
          const file = await t.file('events.csv', shop.csv);
          await importFile(t.warehouse, t.project, { file, kind: 'events' });
          const templates = audienceTemplates(t.project.config);
          const first = templates[0];
          if (!first) throw new Error('no templates');
          await expect(
            estimateAudience(t.warehouse, t.project.config, { rule: first.rule }),
            about(shop),
          ).rejects.toThrow('run clv refresh first');
          // Saved before the first refresh, evaluated by it.
          await createAudience(t.warehouse, t.project.config, { template: first.key }, 'local');
          const summary = await refreshAll(t.warehouse, t.project.config);
          expect(summary.audiences, about(shop)).toMatchObject({ evaluated: 1, failed: 0 });
          for (const template of templates.slice(1)) {
            await createAudience(
              t.warehouse,
              t.project.config,
              { template: template.key },
              'local',
            );
          }
          for (const template of templates) {
            const estimate = await estimateAudience(t.warehouse, t.project.config, {
              rule: template.rule,
            });
            expect(nonFinite(estimate), `${about(shop)} ${template.key}`).toEqual([]);
            expect(estimate.knownCustomers, about(shop)).toBe(shop.customers);
            expect(estimate.members).toBeLessThanOrEqual(estimate.knownCustomers);
            expect(estimate.sample.length).toBe(Math.min(20, estimate.members));
          }
          const audiences = await listAudiences(t.warehouse);
          expect(audiences, about(shop)).toHaveLength(templates.length);
          for (const audience of audiences) {
            expect(nonFinite(audience), about(shop)).toEqual([]);
            expect(audience.error, about(shop)).toBeNull();
            expect(audience.members, about(shop)).not.toBeNull();
            const page = await audienceMembers(t.warehouse, audience.id, { limit: 1000 });
            expect(page.total, about(shop)).toBe(audience.members);
            expect(nonFinite(page), about(shop)).toEqual([]);
            expect(nonFinite(await audienceHistory(t.warehouse, audience.id))).toEqual([]);
          }
        } finally {
          await t.cleanup();
        }
      }
    },
    SHOPS * 60_000,
  );
});
