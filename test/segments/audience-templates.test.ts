import { describe, expect } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { createAudience } from '../../src/segments/audiences.js';
import { audienceMembers } from '../../src/segments/audience-members.js';
import { audienceTemplates } from '../../src/segments/audience-templates.js';
import { estimateAudience } from '../../src/segments/estimate-audience.js';
import { AUDIENCE_SHOP_CUSTOMERS, AUDIENCE_SHOP_EVENTS } from '../helpers/audience-shop.js';
import { importedShop } from '../helpers/imported-shop.js';
import { projectTest } from '../helpers/project-test.js';

// The audience shop and e: one order of 10 on Jan 5 (177 days before the June 30 as-of
// instant), email subscribed. Churn window 100 days. Buyers by revenue: a 180, b 20, e 10, so
// revenue deciles 1, 2, 3. No model fits so few buyers: every predicted CLV is null, so CLV
// deciles rank buyers by id (a 1, b 2, e 3) and P(alive) reads 1 (churn risk 0).
const test = projectTest(async () => {
  const shop = await importedShop({
    config: { churnWindowDays: 100 },
    files: [
      { kind: 'events', content: AUDIENCE_SHOP_EVENTS },
      { kind: 'customers', content: AUDIENCE_SHOP_CUSTOMERS },
    ],
  });
  const e = await shop.file(
    'e.csv',
    'event_id,customer_id,type,timestamp,order_id,amount,category,action\n' +
      '30,e,purchase,2024-01-05T10:00:00Z,o8,10,,\n' +
      '31,e,consent,2024-01-01T00:00:00Z,,,newsletter,accept\n',
  );
  await importFile(shop.warehouse, shop.project, { file: e, kind: 'events' });
  await refreshAll(shop.warehouse, shop.project.config);
  return shop;
});

describe('the audience templates on a hand-made shop', () => {
  test('select the customers each template describes, created and estimated alike', async ({
    t,
  }) => {
    const expected: Record<string, string[]> = {
      // Top 20 % by predicted CLV (a, b) but nobody's churn risk exceeds 0.5.
      'high-value-at-risk': [],
      // No order for more than 100 days: b (150), e (177); revenue top 30 %: both; subscribed: e.
      winback: ['e'],
      vip: ['a'],
      'one-time-buyers': ['b', 'e'],
      // CLV decile ≤ 3: a, b, e; not subscribed to email: b.
      'newsletter-non-subscribers': ['b'],
    };
    const templates = audienceTemplates(t.project.config);
    expect(templates.map((template) => template.key)).toEqual(Object.keys(expected));
    for (const template of templates) {
      const created = await createAudience(
        t.warehouse,
        t.project.config,
        { template: template.key },
        'local',
      );
      expect(created).toMatchObject({ name: template.name, template: template.key, version: 1 });
      const page = await audienceMembers(t.warehouse, created.id, { limit: 10 });
      const ids = page.members.map((member) => member.customerId).sort();
      expect(ids, template.key).toEqual(expected[template.key]);
      const estimate = await estimateAudience(t.warehouse, t.project.config, {
        rule: template.rule,
      });
      expect(estimate.members, template.key).toBe(ids.length);
      expect(estimate.knownCustomers).toBe(5);
    }
    // With b's churn risk at 0.8 (set in the refresh's table), b is high value at risk.
    await t.warehouse.run(
      `UPDATE refresh_1.customer_features SET churn_risk = 0.8 WHERE customer_id = 'b'`,
    );
    const atRisk = templates.find((template) => template.key === 'high-value-at-risk');
    const estimate = await estimateAudience(t.warehouse, t.project.config, {
      rule: atRisk?.rule,
    });
    expect(estimate.sample.map((member) => member.customerId)).toEqual(['b']);
  });
});
