import { describe, expect, it } from 'vitest';
import { TEST_KIND } from '../../../src/segments/rule-schema';
import { changeOp, firstTest, opsFor, TEST_OPS } from './value-tests';

describe('value tests', () => {
  it('read the same kind of value as the server’s tests', () => {
    const kinds = Object.fromEntries(Object.entries(TEST_OPS).map(([op, t]) => [op, t.kind]));
    expect(kinds).toEqual(TEST_KIND);
  });

  it('offer a field the tests of its kind and presence, an attribute every test', () => {
    expect(opsFor('number')).toEqual(['exists', 'missing', 'gt', 'gte', 'lt', 'lte', 'between']);
    expect(opsFor('text')).toEqual([
      'equals',
      'not',
      'contains',
      'in',
      'notIn',
      'exists',
      'missing',
    ]);
    expect(opsFor('date')).toEqual([
      'exists',
      'missing',
      'before',
      'after',
      'onOrBefore',
      'onOrAfter',
      'withinLastDays',
      'moreThanDaysAgo',
    ]);
    expect(opsFor(undefined)).toHaveLength(18);
    expect(firstTest('number')).toEqual({ op: 'exists' });
    expect(firstTest('text')).toEqual({ op: 'equals', value: '' });
  });

  it('keep what they can when the test changes', () => {
    expect(changeOp({ op: 'equals', value: 'fr' }, 'contains')).toEqual({
      op: 'contains',
      value: 'fr',
    });
    expect(changeOp({ op: 'equals', value: 'fr' }, 'in')).toEqual({ op: 'in', values: ['fr'] });
    expect(changeOp({ op: 'in', values: ['de', 'fr'] }, 'not')).toEqual({ op: 'not', value: 'de' });
    expect(changeOp({ op: 'gt', value: 100 }, 'between')).toEqual({
      op: 'between',
      min: 100,
      max: 100,
    });
    expect(changeOp({ op: 'between', min: 3, max: 9 }, 'lte')).toEqual({ op: 'lte', value: 3 });
    expect(changeOp({ op: 'before', date: '2026-01-31' }, 'onOrAfter')).toEqual({
      op: 'onOrAfter',
      date: '2026-01-31',
    });
    expect(changeOp({ op: 'withinLastDays', days: 7 }, 'moreThanDaysAgo')).toEqual({
      op: 'moreThanDaysAgo',
      days: 7,
    });
    expect(changeOp({ op: 'gt', value: 5 }, 'withinLastDays')).toEqual({
      op: 'withinLastDays',
      days: 30,
    });
    expect(changeOp({ op: 'gt', value: 5 }, 'missing')).toEqual({ op: 'missing' });
  });
});
