import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { compileRule } from '../../src/segments/compile-rule.js';
import { duckdbRuleDialect } from '../../src/segments/duckdb-rule-dialect.js';
import { ruleSchema, type Rule, type RuleNode } from '../../src/segments/rule-schema.js';
import { oddShop, type OddShop } from '../helpers/odd-shops.js';
import { tempProject } from '../helpers/temp-project.js';
import { readFuzzStore } from './fuzz-store.js';
import { referenceMembers } from './reference-evaluation.js';

// 9 shops by default (every kind once), 45 with CLV_THOROUGH=1.
const SHOPS = process.env['CLV_THOROUGH'] === '1' ? 45 : 9;

const rule = (match: Rule['match'], ...conditions: RuleNode[]): Rule =>
  ruleSchema.parse({ version: 1, match, conditions });

const BUYERS = rule('all', { type: 'purchase', outcome: 'success', count: { atLeast: 2 } });
// One rule per kind of condition (and of value), each a test of the feature it reads.
const RULES: Record<string, Rule> = {
  attribute: rule('all', { type: 'attribute', attribute: 'country', test: { op: 'missing' } }),
  consent: rule('all', { type: 'consent', channel: 'email', subscribed: false }),
  revenue: rule('all', { type: 'value', field: 'revenue', test: { op: 'gt', value: 50 } }),
  predicted: rule('all', { type: 'value', field: 'predicted_clv', test: { op: 'gte', value: 10 } }),
  churn: rule('all', { type: 'value', field: 'churn_risk', test: { op: 'gt', value: 0.5 } }),
  recency: rule('all', {
    type: 'value',
    field: 'days_since_last_order',
    test: { op: 'between', min: 0, max: 60 },
  }),
  lastOrder: rule('all', {
    type: 'value',
    field: 'last_order_at',
    test: { op: 'withinLastDays', days: 90 },
  }),
  decile: rule('all', { type: 'value', field: 'clv_decile', test: { op: 'lte', value: 1 } }),
  rfm: rule('all', {
    type: 'value',
    field: 'rfm_group',
    test: { op: 'in', values: ['champions', 'loyal'] },
  }),
  cohort: rule('all', { type: 'value', field: 'cohort_month', test: { op: 'exists' } }),
  event: rule('all', {
    type: 'event',
    eventType: 'purchase',
    count: { atLeast: 2 },
    window: { lastDays: 365 },
  }),
  returned: rule('all', { type: 'purchase', outcome: 'returned' }),
  noSuccess: rule('all', { type: 'purchase', outcome: 'success', count: { atMost: 0 } }),
  campaign: rule('all', { type: 'campaign', action: 'received', channel: 'email' }),
  audience: rule(
    'none',
    { type: 'audience', audienceId: 'buyers', member: true },
    { type: 'group', match: 'any', conditions: [] },
  ),
};

const about = (shop: OddShop) => `shop ${shop.seed} (${shop.kind}, ${shop.customers} customers)`;

describe(`customer_features and rules on ${SHOPS} small, odd shops`, () => {
  it(
    'has one finite row per known customer, and every kind of rule runs and selects what the reference does',
    async () => {
      const selected = Object.fromEntries(Object.keys(RULES).map((name) => [name, 0]));
      for (let seed = 1; seed <= SHOPS; seed++) {
        const shop = oddShop(seed);
        const t = await tempProject({ refresh: { cron: null }, drilldowns: ['country'] });
        try {
          const file = await t.file('events.csv', shop.csv);
          await importFile(t.warehouse, t.project, { file, kind: 'events' });
          await refreshAll(t.warehouse, t.project.config);
          const [rows] = await t.query<{ n: number; ids: number; known: number; bad: number }>(
            `SELECT count(*) AS n, count(DISTINCT customer_id) AS ids,
                    (SELECT count(*) FROM known_customers) AS known,
                    count(*) FILTER (WHERE NOT (isfinite(revenue) AND isfinite(historic_clv)
                      AND coalesce(isfinite(predicted_clv), true) AND coalesce(isfinite(p_alive), true)
                      AND coalesce(isfinite(churn_risk), true))
                      OR p_alive NOT BETWEEN 0 AND 1 OR churn_risk NOT BETWEEN 0 AND 1) AS bad
             FROM customer_features`,
          );
          expect(rows, about(shop)).toEqual({
            n: shop.customers,
            ids: shop.customers,
            known: shop.customers,
            bad: 0,
          });
          const store = {
            ...(await readFuzzStore(t.warehouse)),
            audiences: new Map([['buyers', BUYERS]]),
            knownAttributes: new Set(['country']),
          };
          for (const [name, tested] of Object.entries(RULES)) {
            const compiled = compileRule(tested, {
              dialect: duckdbRuleDialect,
              knownAttributes: store.knownAttributes,
              resolveAudience: (id) => store.audiences.get(id) ?? null,
            });
            const got = await t.warehouse.query<{ customer_id: string }>(
              compiled.sql,
              compiled.params,
            );
            expect(got.map((row) => row.customer_id).sort(), `${about(shop)}: ${name}`).toEqual(
              [...referenceMembers(store, tested)].sort(),
            );
            selected[name] = (selected[name] ?? 0) + got.length;
          }
        } finally {
          await t.cleanup().catch(() => undefined);
        }
      }
      console.log(`customers selected over the shops: ${JSON.stringify(selected)}`);
      // The shops hold no campaign events; every other rule selects someone somewhere.
      for (const [name, count] of Object.entries(selected)) {
        expect(count > 0, name).toBe(name !== 'campaign');
      }
    },
    SHOPS * 30_000,
  );
});
