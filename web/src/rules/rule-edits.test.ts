import { describe, expect, it } from 'vitest';
import { ruleSchema } from '../../../src/segments/rule-schema';
import {
  addNode,
  canNestIn,
  canWrap,
  conditionCount,
  moveNode,
  nodeAt,
  removeNode,
  replaceNode,
  setMatch,
  wrapInGroup,
} from './rule-edits';
import { emptyRule, type Condition, type Rule } from './rule-types';

const email: Condition = { type: 'consent', channel: 'email', subscribed: true };
const sms: Condition = { type: 'consent', channel: 'sms', subscribed: false };
const vip: Condition = {
  type: 'value',
  field: 'clv_decile',
  test: { op: 'between', min: 1, max: 1 },
};

/** all [email, any [sms, vip]] */
function sample(): Rule {
  return {
    version: 1,
    match: 'all',
    conditions: [email, { type: 'group', match: 'any', conditions: [sms, vip] }],
  };
}

describe('rule edits', () => {
  it('adds conditions and groups to the rule and to a nested group', () => {
    const one = addNode(emptyRule(), [], email);
    expect(one).toEqual({ version: 1, match: 'all', conditions: [email] });
    const nested = addNode(sample(), [1], email);
    expect(nodeAt(nested, [1])).toEqual({
      type: 'group',
      match: 'any',
      conditions: [sms, vip, email],
    });
    // A path that is not a group (or not there) leaves the rule as it was.
    const rule = sample();
    expect(addNode(rule, [0], sms)).toBe(rule);
    expect(addNode(rule, [7], sms)).toBe(rule);
  });

  it('never changes the rule it was given', () => {
    const rule = sample();
    const copy = structuredClone(rule);
    addNode(rule, [1], email);
    removeNode(rule, [1, 0]);
    moveNode(rule, [1, 1], -1);
    setMatch(rule, [1], 'none');
    wrapInGroup(rule, [0]);
    expect(rule).toEqual(copy);
  });

  it('removes a condition, or a group with all it holds', () => {
    expect(removeNode(sample(), [1, 0]).conditions).toEqual([
      email,
      { type: 'group', match: 'any', conditions: [vip] },
    ]);
    expect(removeNode(sample(), [1]).conditions).toEqual([email]);
    expect(removeNode(sample(), [])).toEqual(sample());
  });

  it('moves a node up and down inside its container, staying put at the ends', () => {
    expect(nodeAt(moveNode(sample(), [1, 1], -1), [1])).toEqual({
      type: 'group',
      match: 'any',
      conditions: [vip, sms],
    });
    expect(moveNode(sample(), [0], 1).conditions[1]).toEqual(email);
    expect(moveNode(sample(), [0], -1)).toEqual(sample());
    expect(moveNode(sample(), [1], 1)).toEqual(sample());
  });

  it('changes the match of the rule and of a group', () => {
    expect(setMatch(sample(), [], 'none').match).toBe('none');
    expect(nodeAt(setMatch(sample(), [1], 'all'), [1])).toMatchObject({ match: 'all' });
  });

  it('replaces a condition edited in its card', () => {
    expect(nodeAt(replaceNode(sample(), [1, 1], email), [1, 1])).toEqual(email);
    expect(replaceNode(sample(), [1, 5], email)).toEqual(sample());
  });

  it('nests a node in a new group of its own', () => {
    const wrapped = wrapInGroup(sample(), [0]);
    expect(wrapped.conditions[0]).toEqual({ type: 'group', match: 'any', conditions: [email] });
    expect(nodeAt(wrapped, [0, 0])).toEqual(email);
  });

  it('keeps groups within the server’s depth of six', () => {
    // Groups nest in groups: the rule holds depth 1, and a group at path length 5 is the deepest.
    expect(canNestIn([0, 0, 0, 0])).toBe(true);
    expect(canNestIn([0, 0, 0, 0, 0])).toBe(false);
    let rule = emptyRule();
    let path: number[] = [];
    for (let depth = 0; depth < 5; depth += 1) {
      rule = addNode(rule, path, { type: 'group', match: 'all', conditions: [] });
      path = [...path, 0];
    }
    rule = addNode(rule, path, email);
    expect(nodeAt(rule, [...path, 0])).toEqual(email);
    expect(ruleSchema.safeParse(rule).success).toBe(true);
    expect(canWrap(rule, [...path, 0])).toBe(false);
    // What canWrap refuses, the server refuses too.
    expect(ruleSchema.safeParse(wrapInGroup(rule, [...path, 0])).success).toBe(false);
    expect(canWrap(rule, [0, 0, 0, 0])).toBe(false);
    expect(canWrap(sample(), [1])).toBe(true);
  });

  it('counts conditions, not groups', () => {
    expect(conditionCount(sample().conditions)).toBe(3);
    expect(conditionCount([])).toBe(0);
  });
});
