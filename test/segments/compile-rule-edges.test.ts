import { describe, expect } from 'vitest';
import { compileRule, type CompileContext } from '../../src/segments/compile-rule.js';
import { duckdbRuleDialect } from '../../src/segments/duckdb-rule-dialect.js';
import { ruleSchema, type Rule, type RuleNode } from '../../src/segments/rule-schema.js';
import { projectTest } from '../helpers/project-test.js';

// What the fuzz found, pinned: four customers whose attribute `v` the engine's own casts would
// read as numbers or dates although the rule grammar does not, and one page view of a.
const test = projectTest();

const all = (...conditions: RuleNode[]): Rule =>
  ruleSchema.parse({ version: 1, match: 'all', conditions });

describe('compileRule at the edges the fuzz found', () => {
  test('reads the written grammar only, moves dates by 10^9 days, binds only what it uses', async ({
    t,
  }) => {
    await t.warehouse.run(`
      CREATE TABLE customer_features AS
        SELECT * FROM (VALUES ('a', '{"v": "1000"}'::JSON), ('b', '{"v": "1_000"}'::JSON),
                              ('c', '{"v": "2024/01/05"}'::JSON), ('d', '{"v": "2024-01-05x"}'::JSON),
                              ('e', '{"v": "inf"}'::JSON))
        t(customer_id, attributes);
      CREATE TABLE store_as_of AS SELECT TIMESTAMP '2024-06-30 12:00:00' AS as_of;
      INSERT INTO events (event_id, customer_id, type, kind, ts, import_id, source_line)
        VALUES ('1', 'a', 'page_view', 'other', TIMESTAMP '2024-06-30 10:00:00', 1, 1)`);
    const audiences: Record<string, Rule> = {
      three: all(
        { type: 'consent', channel: 'email', subscribed: true },
        { type: 'consent', channel: 'sms', subscribed: true },
      ),
    };
    audiences['wide'] = all(
      ...Array.from({ length: 67 }, () => ({
        type: 'audience' as const,
        audienceId: 'three',
        member: true,
      })),
    );
    const context: CompileContext = {
      dialect: duckdbRuleDialect,
      knownAttributes: new Set(['v']),
      resolveAudience: (id) => audiences[id] ?? null,
    };
    const members = async (rule: Rule): Promise<string[]> => {
      const compiled = compileRule(rule, context);
      const rows = await t.warehouse.query<{ customer_id: string }>(
        `${compiled.sql} ORDER BY 1`,
        compiled.params,
      );
      return rows.map((row) => row.customer_id);
    };
    const v = (test: object): RuleNode => ({ type: 'attribute', attribute: 'v', test }) as RuleNode;
    expect(await members(all(v({ op: 'gt', value: 999 })))).toEqual(['a']);
    expect(await members(all(v({ op: 'exists' }), v({ op: 'lt', value: 1e308 })))).toEqual(['a']);
    expect(await members(all(v({ op: 'onOrAfter', date: '2024-01-01' })))).toEqual(['d']);
    expect(await members(all(v({ op: 'withinLastDays', days: 1_000_000_000 })))).toEqual(['d']);
    expect(await members(all(v({ op: 'moreThanDaysAgo', days: 1_000_000_000 })))).toEqual([]);
    // Ranges that no count or every count meets leave the event's values out of the query.
    const views = (count: object): RuleNode =>
      ({ type: 'event', eventType: 'page_view', count }) as RuleNode;
    expect(await members(all(views({ atLeast: 3, atMost: 1 })))).toEqual([]);
    expect(await members(all(views({ atLeast: 0 })))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await members(all(views({ atMost: 0 })))).toEqual(['b', 'c', 'd', 'e']);
    // 1 + 67 × (1 + 2) = 202 conditions written out: past the limit of 200.
    expect(() =>
      compileRule(all({ type: 'audience', audienceId: 'wide', member: true }), context),
    ).toThrow(
      'with the rules of the audiences it uses written out, a rule holds at most 200 conditions',
    );
  });
});
