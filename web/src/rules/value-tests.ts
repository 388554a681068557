import type { FieldKind } from './feature-fields';
import type { TestOp, ValueTest } from './rule-types';

/** Each test's words in the builder and the kind of value it reads ('any': every kind). */
export const TEST_OPS: Record<TestOp, { label: string; kind: FieldKind | 'any' }> = {
  equals: { label: 'equals', kind: 'text' },
  not: { label: 'is not', kind: 'text' },
  contains: { label: 'contains', kind: 'text' },
  in: { label: 'is one of', kind: 'text' },
  notIn: { label: 'is none of', kind: 'text' },
  exists: { label: 'is present', kind: 'any' },
  missing: { label: 'is missing', kind: 'any' },
  gt: { label: '>', kind: 'number' },
  gte: { label: '≥', kind: 'number' },
  lt: { label: '<', kind: 'number' },
  lte: { label: '≤', kind: 'number' },
  between: { label: 'between', kind: 'number' },
  before: { label: 'before', kind: 'date' },
  after: { label: 'after', kind: 'date' },
  onOrBefore: { label: 'on or before', kind: 'date' },
  onOrAfter: { label: 'on or after', kind: 'date' },
  withinLastDays: { label: 'within the last … days', kind: 'date' },
  moreThanDaysAgo: { label: 'more than … days ago', kind: 'date' },
};

const ALL_OPS = Object.keys(TEST_OPS) as TestOp[];

/**
 * The tests offered for a value: those of its kind and presence. An attribute (kind undefined)
 * is stored as text but may be compared as a number or a date, so it gets every test.
 */
export function opsFor(kind: FieldKind | undefined): TestOp[] {
  if (kind === undefined) return ALL_OPS;
  return ALL_OPS.filter((op) => TEST_OPS[op].kind === kind || TEST_OPS[op].kind === 'any');
}

/** The first test offered for a kind: what a new condition on such a value starts with. */
export function firstTest(kind: FieldKind | undefined): ValueTest {
  return changeOp({ op: 'exists' }, opsFor(kind)[0] ?? 'exists');
}

/**
 * The test with another operator, keeping what can be kept: the text of equals → contains, a
 * number of gt → lte (or as between's lower end), a date of before → after, the days.
 */
export function changeOp(test: ValueTest, op: TestOp): ValueTest {
  const text = 'value' in test && typeof test.value === 'string' ? test.value : '';
  const list = 'values' in test ? test.values : text ? [text] : [];
  const number =
    'value' in test && typeof test.value === 'number' ? test.value : 'min' in test ? test.min : 0;
  const date = 'date' in test ? test.date : '';
  const days = 'days' in test ? test.days : 30;
  switch (op) {
    case 'equals':
    case 'not':
    case 'contains':
      return { op, value: text || (list[0] ?? '') };
    case 'in':
    case 'notIn':
      return { op, values: list };
    case 'exists':
    case 'missing':
      return { op };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { op, value: number };
    case 'between':
      return { op, min: number, max: 'max' in test ? test.max : number };
    case 'before':
    case 'after':
    case 'onOrBefore':
    case 'onOrAfter':
      return { op, date };
    case 'withinLastDays':
    case 'moreThanDaysAgo':
      return { op, days };
  }
}
