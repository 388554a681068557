import { describe, expect, it } from 'vitest';
import { isStreamingRule, ruleText } from './rule-text.js';
import { ruleSchema, type Rule, type RuleNode } from './rule-schema.js';

const rule = (match: Rule['match'], ...conditions: RuleNode[]): Rule =>
  ruleSchema.parse({ version: 1, match, conditions });

describe('ruleText', () => {
  it('reads a rule with a nested group as one line', () => {
    expect(
      ruleText(
        rule(
          'all',
          { type: 'attribute', attribute: 'country', test: { op: 'equals', value: 'DE' } },
          { type: 'purchase', outcome: 'success', count: { atLeast: 2 } },
          {
            type: 'group',
            match: 'any',
            conditions: [
              { type: 'consent', channel: 'email', subscribed: true },
              { type: 'value', field: 'churn_risk', test: { op: 'gt', value: 0.5 } },
            ],
          },
        ),
      ),
    ).toBe(
      'all of: country is "DE"; orders at least 2; any of: (subscribed to email; churn risk greater than 0.5)',
    );
  });

  it('says every test and condition in words, quoting typed texts', () => {
    const lines = [
      { type: 'attribute', attribute: 'a/b "x"', test: { op: 'not', value: `'; --` } },
      { type: 'attribute', attribute: 'tier', test: { op: 'in', values: ['gold', 'a"b'] } },
      { type: 'attribute', attribute: 'tier', test: { op: 'notIn', values: ['x'] } },
      { type: 'attribute', attribute: 'note', test: { op: 'contains', value: 'sale' } },
      { type: 'attribute', attribute: 'größe', test: { op: 'exists' } },
      { type: 'attribute', attribute: 'age', test: { op: 'missing' } },
      { type: 'attribute', attribute: 'age', test: { op: 'between', min: 18, max: 30 } },
      { type: 'attribute', attribute: 'age', test: { op: 'lte', value: -0.5 } },
      { type: 'value', field: 'last_order_at', test: { op: 'onOrAfter', date: '2024-01-01' } },
      { type: 'value', field: 'first_order_at', test: { op: 'withinLastDays', days: 1 } },
      { type: 'value', field: 'first_order_at', test: { op: 'moreThanDaysAgo', days: 90 } },
      { type: 'value', field: 'clv_decile', test: { op: 'lte', value: 2 } },
      { type: 'value', field: 'p_alive', test: { op: 'gte', value: 0.1 } },
      { type: 'consent', channel: 'sms', subscribed: false },
      {
        type: 'event',
        eventType: 'page_view',
        properties: [
          { key: 'path', test: { op: 'contains', value: '/sale' } },
          { key: 'ref', test: { op: 'exists' } },
        ],
        count: { atLeast: 3 },
        window: { lastDays: 30 },
      },
      { type: 'event', eventType: 'login', count: { atMost: 0 } },
      { type: 'event', eventType: 'login' },
      { type: 'purchase', outcome: 'returned', window: { from: '2024-01-01', to: '2024-02-01' } },
      { type: 'purchase', outcome: 'any', count: { atMost: 0 } },
      {
        type: 'campaign',
        action: 'opened',
        campaignId: 'spring',
        count: { atLeast: 1, atMost: 2 },
      },
      { type: 'campaign', action: 'clicked', channel: 'email', count: { atMost: 0 } },
      { type: 'audience', audienceId: 'aud_0123456789', member: false },
    ] as RuleNode[];
    expect(
      lines.map((line) =>
        ruleText(rule('all', line), {
          audienceName: (id) => (id === 'aud_0123456789' ? 'VIP' : null),
        }),
      ),
    ).toEqual([
      `all of: "a/b \\"x\\"" is not "'; --"`,
      'all of: tier is one of "gold", "a\\"b"',
      'all of: tier is none of "x"',
      'all of: note contains "sale"',
      'all of: größe is set',
      'all of: age is missing',
      'all of: age between 18 and 30',
      'all of: age at most -0.5',
      'all of: last order on or after 2024-01-01',
      'all of: first order within the last 1 day',
      'all of: first order more than 90 days ago',
      'all of: CLV decile at most 2',
      'all of: P(alive) at least 0.1',
      'all of: not subscribed to SMS',
      'all of: did "page_view" with path contains "/sale" and ref is set at least 3 times in the last 30 days',
      'all of: did not do "login"',
      'all of: did "login"',
      'all of: returned orders at least 1 from 2024-01-01 until 2024-02-01',
      'all of: no orders of any outcome',
      'all of: opened campaign "spring" (between 1 and 2 campaigns)',
      'all of: not clicked any campaign on channel "email"',
      'all of: not member of audience "VIP"',
    ]);
  });

  it('names empty groups and unknown audiences by what they select and their id', () => {
    expect(ruleText(rule('all'))).toBe('everyone');
    expect(ruleText(rule('any'))).toBe('no one');
    expect(
      ruleText(
        rule(
          'none',
          { type: 'group', match: 'any', conditions: [] },
          { type: 'audience', audienceId: 'aud_gone', member: true },
        ),
      ),
    ).toBe('none of: no one; member of audience "aud_gone"');
  });
});

describe('ruleText of a dataset condition', () => {
  it('says in or not in the dataset, with the column test when there is one', () => {
    expect(
      ruleText(
        rule(
          'all',
          {
            type: 'dataset',
            dataset: 'clv_deciles',
            member: true,
            column: 'decile',
            test: { op: 'lte', value: 2 },
          },
          { type: 'dataset', dataset: 'churned', member: false },
          {
            type: 'dataset',
            dataset: 'tiers',
            member: false,
            column: 'a "b"',
            test: { op: 'equals', value: 'gold' },
          },
        ),
      ),
    ).toBe(
      'all of: in dataset clv_deciles with decile at most 2; not in dataset churned; not in dataset tiers with "a \\"b\\"" is "gold"',
    );
  });
});

describe('isStreamingRule', () => {
  const attributes = rule('all', {
    type: 'attribute',
    attribute: 'country',
    test: { op: 'equals', value: 'DE' },
  });
  const buyers = rule('all', { type: 'purchase', outcome: 'success' });
  const audiences: Record<string, Rule> = {
    attributes,
    buyers,
    loop: rule('all', { type: 'audience', audienceId: 'loop', member: true }),
  };
  const resolve = (id: string): Rule | null => audiences[id] ?? null;

  it('streams attributes, consent, events, campaigns and datasets, also through audiences', () => {
    expect(
      isStreamingRule(
        rule(
          'any',
          { type: 'consent', channel: 'email', subscribed: true },
          {
            type: 'group',
            match: 'none',
            conditions: [
              { type: 'event', eventType: 'page_view', window: { lastDays: 7 } },
              { type: 'campaign', action: 'clicked', channel: 'email' },
            ],
          },
          { type: 'audience', audienceId: 'attributes', member: false },
          // A dataset changes only at refresh: ingest reads it as the last refresh left it.
          { type: 'dataset', dataset: 'clv_deciles', member: true },
        ),
        resolve,
      ),
    ).toBe(true);
    expect(isStreamingRule(rule('all'), resolve)).toBe(true);
  });

  it('does not stream derived values, orders, or audiences it cannot resolve', () => {
    const nested = (node: RuleNode): Rule =>
      rule('all', { type: 'group', match: 'any', conditions: [node] });
    expect(
      isStreamingRule(
        nested({ type: 'value', field: 'orders', test: { op: 'gt', value: 1 } }),
        resolve,
      ),
    ).toBe(false);
    expect(isStreamingRule(nested({ type: 'purchase', outcome: 'any' }), resolve)).toBe(false);
    expect(
      isStreamingRule(nested({ type: 'audience', audienceId: 'buyers', member: true }), resolve),
    ).toBe(false);
    expect(
      isStreamingRule(nested({ type: 'audience', audienceId: 'gone', member: true }), resolve),
    ).toBe(false);
    expect(
      isStreamingRule(nested({ type: 'audience', audienceId: 'loop', member: true }), resolve),
    ).toBe(false);
  });
});
