import { describe, expect } from 'vitest';
import { compileRule } from '../../src/segments/compile-rule.js';
import { recordMembership } from '../../src/segments/record-membership.js';
import { duckdbRuleDialect } from '../../src/segments/duckdb-rule-dialect.js';
import { ruleSchema, type Rule, type RuleNode } from '../../src/segments/rule-schema.js';
import { importedShop } from '../helpers/imported-shop.js';
import { projectTest } from '../helpers/project-test.js';

// Four customers. a: 3 successful orders (one canceled too), email subscribed, DE, age 41.
// b: 1 order, revoked email, FR. c: no order, only a page view and an opened campaign. d: a
// returned order and a click. The latest event is 2024-06-30 12:00 (the as-of instant).
const EVENTS = `event_id,customer_id,type,timestamp,order_id,amount,status,category,action,campaign_id,channel,path
1,a,purchase,2024-01-10T10:00:00Z,o1,100,,,,,,
2,a,purchase,2024-03-05T10:00:00Z,o2,50,,,,,,
3,a,purchase,2024-06-20T10:00:00Z,o3,30,,,,,,
4,a,purchase,2024-06-21T10:00:00Z,o4,99,canceled,,,,,
5,b,purchase,2024-02-01T10:00:00Z,o5,20,,,,,,
6,a,consent,2024-01-01T00:00:00Z,,,,newsletter,accept,,,
7,b,consent,2024-01-01T00:00:00Z,,,,newsletter,accept,,,
8,b,consent,2024-02-02T00:00:00Z,,,,newsletter,revoke,,,
9,c,page_view,2024-06-29T10:00:00Z,,,,,,,,/sale
10,c,campaign,2024-06-01T10:00:00Z,,,,,opened,spring,email,
11,d,purchase,2024-05-01T10:00:00Z,o6,70,returned,,,,,
12,d,campaign,2024-06-02T10:00:00Z,,,,,clicked,spring,email,
13,d,page_view,2024-06-30T12:00:00Z,,,,,,,,/home
`;
const CUSTOMERS = `customer_id,country,age,acquisition_channel
a,DE,41,ads
b,FR,x,organic
c,DE,,
`;

const test = projectTest(() =>
  importedShop({
    files: [
      { kind: 'events', content: EVENTS },
      { kind: 'customers', content: CUSTOMERS },
    ],
    refresh: 'all',
  }),
);

const all = (...conditions: RuleNode[]): Rule =>
  ruleSchema.parse({ version: 1, match: 'all', conditions });

describe('compileRule on a hand-made shop', () => {
  test('selects the customers each kind of condition describes', async ({ t }) => {
    const members = async (rule: Rule): Promise<string[]> => {
      const compiled = compileRule(rule, {
        dialect: duckdbRuleDialect,
        knownAttributes: new Set(['country', 'age', 'acquisition_channel']),
        resolveAudience: () => null,
      });
      const rows = await t.warehouse.query<{ customer_id: string }>(
        `${compiled.sql} ORDER BY 1`,
        compiled.params,
      );
      return rows.map((row) => row.customer_id);
    };
    expect(await members(all())).toEqual(['a', 'b', 'c', 'd']);
    expect(
      await members(
        all({ type: 'attribute', attribute: 'country', test: { op: 'equals', value: 'DE' } }),
      ),
    ).toEqual(['a', 'c']);
    // d has no attributes at all: "not DE" does not hold for a missing value.
    expect(
      await members(
        all({ type: 'attribute', attribute: 'country', test: { op: 'not', value: 'DE' } }),
      ),
    ).toEqual(['b']);
    expect(
      await members(all({ type: 'attribute', attribute: 'age', test: { op: 'gt', value: 40 } })),
    ).toEqual(['a']);
    expect(
      await members(all({ type: 'attribute', attribute: 'age', test: { op: 'missing' } })),
    ).toEqual(['c', 'd']);
    expect(await members(all({ type: 'consent', channel: 'email', subscribed: true }))).toEqual([
      'a',
    ]);
    expect(
      await members(all({ type: 'value', field: 'orders', test: { op: 'gte', value: 1 } })),
    ).toEqual(['a', 'b']);
    expect(
      await members(
        all({ type: 'value', field: 'revenue', test: { op: 'between', min: 180, max: 180 } }),
      ),
    ).toEqual(['a']);
    // a's last order is 2024-06-20 10:00, 10 whole days before 2024-06-30 12:00.
    expect(
      await members(
        all({
          type: 'value',
          field: 'days_since_last_order',
          test: { op: 'between', min: 10, max: 10 },
        }),
      ),
    ).toEqual(['a']);
    expect(
      await members(
        all({ type: 'value', field: 'last_order_at', test: { op: 'withinLastDays', days: 10 } }),
      ),
    ).toEqual(['a']);
    expect(
      await members(
        all({
          type: 'value',
          field: 'cohort_month',
          test: { op: 'in', values: ['2024-02', '2024-03'] },
        }),
      ),
    ).toEqual(['b']);
    expect(
      await members(
        all({ type: 'value', field: 'acquisition_channel', test: { op: 'equals', value: 'ads' } }),
      ),
    ).toEqual(['a']);
    expect(
      await members(all({ type: 'value', field: 'revenue_decile', test: { op: 'lte', value: 1 } })),
    ).toEqual(['a']);
    expect(
      await members(all({ type: 'purchase', outcome: 'success', count: { atLeast: 2 } })),
    ).toEqual(['a']);
    expect(await members(all({ type: 'purchase', outcome: 'returned' }))).toEqual(['d']);
    expect(await members(all({ type: 'purchase', outcome: 'any', count: { atMost: 0 } }))).toEqual([
      'c',
    ]);
    expect(
      await members(all({ type: 'purchase', outcome: 'success', window: { lastDays: 30 } })),
    ).toEqual(['a']);
    expect(
      await members(
        all({
          type: 'purchase',
          outcome: 'success',
          window: { from: '2024-02-01', to: '2024-03-01' },
        }),
      ),
    ).toEqual(['b']);
    expect(
      await members(
        all({
          type: 'event',
          eventType: 'page_view',
          properties: [{ key: 'path', test: { op: 'contains', value: 'sale' } }],
        }),
      ),
    ).toEqual(['c']);
    expect(
      await members(all({ type: 'event', eventType: 'page_view', window: { lastDays: 2 } })),
    ).toEqual(['c', 'd']);
    // c's view is 26 hours before the as-of instant: outside the last 24 hours.
    expect(
      await members(all({ type: 'event', eventType: 'page_view', window: { lastDays: 1 } })),
    ).toEqual(['d']);
    expect(
      await members(all({ type: 'campaign', action: 'opened', campaignId: 'spring' })),
    ).toEqual(['c']);
    expect(await members(all({ type: 'campaign', action: 'clicked', channel: 'email' }))).toEqual([
      'd',
    ]);
    expect(
      await members({
        version: 1,
        match: 'none',
        conditions: [
          { type: 'attribute', attribute: 'country', test: { op: 'exists' } },
          { type: 'purchase', outcome: 'success' },
        ],
      }),
    ).toEqual(['d']);
  });

  test('records entries and exits between evaluations, and only in the scope given', async ({
    t,
  }) => {
    const compiled = (rule: Rule) =>
      compileRule(rule, {
        dialect: duckdbRuleDialect,
        knownAttributes: new Set(['country']),
        resolveAudience: () => null,
      });
    const de = all({
      type: 'attribute',
      attribute: 'country',
      test: { op: 'equals', value: 'DE' },
    });
    const buyers = all({ type: 'purchase', outcome: 'success' });
    const first = await recordMembership(t.warehouse, 'x', compiled(de), {
      at: '2024-07-01 00:00:00',
      source: 'refresh',
    });
    expect(first).toEqual({ audienceId: 'x', members: 2, entered: 2, exited: 0 });
    // The rule changes to buyers: c leaves, b enters, a stays.
    const second = await recordMembership(t.warehouse, 'x', compiled(buyers), {
      at: '2024-07-02 00:00:00',
      source: 'edit',
    });
    expect(second).toEqual({ audienceId: 'x', members: 2, entered: 1, exited: 1 });
    await t.warehouse.run(`CREATE TEMP TABLE only_a AS SELECT 'a' AS customer_id`);
    const scoped = await recordMembership(
      t.warehouse,
      'x',
      compiled(all({ type: 'purchase', outcome: 'returned' })),
      { at: '2024-07-03 00:00:00', source: 'stream', scope: 'only_a' },
    );
    expect(scoped).toEqual({ audienceId: 'x', members: 1, entered: 0, exited: 1 });
    const stays = await t.warehouse.query<{
      customer_id: string;
      entered: string;
      exited: string | null;
    }>(
      `SELECT customer_id, strftime(entered_at, '%d') AS entered, strftime(exited_at, '%d') AS exited
       FROM audience_members ORDER BY customer_id, entered_at`,
    );
    expect(stays).toEqual([
      { customer_id: 'a', entered: '01', exited: '03' },
      { customer_id: 'b', entered: '02', exited: null },
      { customer_id: 'c', entered: '01', exited: '02' },
    ]);
    const [log] = await t.warehouse.query<{ n: number }>(
      `SELECT count(*) AS n FROM audience_evaluations WHERE audience_id = 'x'`,
    );
    expect(log?.n).toBe(3);
  });

  test('refuses unknown attributes and audience cycles by name', () => {
    const context = {
      dialect: duckdbRuleDialect,
      knownAttributes: new Set(['country']),
      resolveAudience: (id: string): Rule | null =>
        id === 'x'
          ? all({ type: 'audience', audienceId: 'y', member: true })
          : id === 'y'
            ? all({ type: 'audience', audienceId: 'x', member: false })
            : null,
    };
    expect(() =>
      compileRule(
        all({ type: 'attribute', attribute: "x'); DROP TABLE events; --", test: { op: 'exists' } }),
        context,
      ),
    ).toThrow(/unknown attribute .*known are country/);
    expect(() =>
      compileRule(all({ type: 'audience', audienceId: 'y', member: true }), {
        ...context,
        audienceId: 'x',
      }),
    ).toThrow('cycle: "x" → "y" → "x"');
    expect(() =>
      compileRule(all({ type: 'audience', audienceId: 'nope', member: true }), context),
    ).toThrow('no audience "nope"');
  });
});
