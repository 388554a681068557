import { describe, expect, it } from 'vitest';
import { ruleSchema } from '../../../src/segments/rule-schema';
import { CONDITION_KEYS, newCondition } from './condition-types';
import { atRiskRule, decileRule, rfmGroupRule, segmentGroupRule } from './prefilled-rules';
import { builderHref, ruleFromSearch } from './rule-url';
import type { Rule } from './rule-types';

const valid = (rule: Rule | null) => rule !== null && ruleSchema.safeParse(rule).success;

describe('rules the dashboard starts audiences from', () => {
  it('name decile N as N to N of the decile field (a number field refuses equals)', () => {
    expect(decileRule('predicted', 3).conditions).toEqual([
      { type: 'value', field: 'clv_decile', test: { op: 'between', min: 3, max: 3 } },
    ]);
    expect(decileRule('revenue', 10).conditions[0]).toMatchObject({ field: 'revenue_decile' });
    expect(valid(decileRule('predicted', 3))).toBe(true);
  });

  it('name a segment group as its consent or attribute value; "other" has no single rule', () => {
    expect(segmentGroupRule('sms', 'not subscribed')?.conditions).toEqual([
      { type: 'consent', channel: 'sms', subscribed: false },
    ]);
    expect(segmentGroupRule('attribute:country', 'DE')?.conditions).toEqual([
      { type: 'attribute', attribute: 'country', test: { op: 'equals', value: 'DE' } },
    ]);
    expect(segmentGroupRule('attribute:country', 'other')).toBeNull();
    expect(segmentGroupRule('email', 'maybe')).toBeNull();
    expect(valid(segmentGroupRule('email', 'subscribed'))).toBe(true);
    expect(valid(segmentGroupRule('attribute:country', 'DE'))).toBe(true);
  });

  it('name an RFM group and the at-risk list as rules the server accepts', () => {
    expect(valid(rfmGroupRule('champions'))).toBe(true);
    expect(atRiskRule(0.5).conditions[0]).toEqual({
      type: 'value',
      field: 'churn_risk',
      test: { op: 'gte', value: 0.5 },
    });
    expect(valid(atRiskRule(0.5))).toBe(true);
  });

  it('start every new condition in a shape the server accepts once its name is filled', () => {
    for (const type of CONDITION_KEYS) {
      const condition = newCondition(type, 'country', 'clv_deciles');
      const named =
        condition.type === 'event'
          ? { ...condition, eventType: 'page_view' }
          : condition.type === 'audience'
            ? { ...condition, audienceId: 'aud_0123456789' }
            : condition.type === 'attribute'
              ? { ...condition, test: { op: 'equals' as const, value: 'DE' } }
              : condition;
      expect(valid({ version: 1, match: 'all', conditions: [named] }), type).toBe(true);
    }
  });
});

describe('a rule in the address', () => {
  it('comes back as it went, with its name', () => {
    const rule = atRiskRule(0.7);
    const href = builderHref(rule, 'At risk');
    expect(href.startsWith('/audiences/new?')).toBe(true);
    const search = new URL(href, 'http://dashboard').searchParams;
    expect(ruleFromSearch(search)).toEqual(rule);
    expect(search.get('name')).toBe('At risk');
  });

  it('is refused when it is not JSON or not a rule the builder can draw', () => {
    const ask = (text: string) => ruleFromSearch(new URLSearchParams({ rule: text }));
    expect(ask('{')).toBeNull();
    expect(ask('{"version":2,"match":"all","conditions":[]}')).toBeNull();
    expect(
      ask(
        '{"version":1,"match":"all","conditions":[{"type":"value","field":"x","test":{"op":"exists"}}]}',
      ),
    ).toBeNull();
    expect(
      ask(
        '{"version":1,"match":"all","conditions":[{"type":"attribute","attribute":"a","test":{"op":"gt","value":"1"}}]}',
      ),
    ).toBeNull();
    expect(ask('{"version":1,"match":"all","conditions":[{"type":"shell"}]}')).toBeNull();
    expect(ruleFromSearch(new URLSearchParams())).toBeNull();
  });
});
