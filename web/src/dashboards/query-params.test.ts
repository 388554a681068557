import { describe, expect, it } from 'vitest';
import { bindingProblems, bindParams, defaultBindings, type QueryParameter } from './query-params';

const PARAMETERS: QueryParameter[] = [
  { name: 'from', type: 'date' },
  { name: 'to', type: 'date' },
  { name: 'lookback_days', type: 'number' },
  { name: 'segment', type: 'string' },
];

describe('binding a saved query’s parameters to the dashboard’s filters', () => {
  it('takes each filter’s value, and fixed values as the parameter’s type', () => {
    expect(
      bindParams(
        PARAMETERS,
        {
          from: { filter: 'from' },
          to: { filter: 'to' },
          lookback_days: { value: '90' },
          segment: { filter: 'segment' },
        },
        { from: '2026-01-01', to: '2026-07-01', segment: 'email|subscribed' },
      ),
    ).toEqual({
      from: '2026-01-01',
      to: '2026-07-01',
      lookback_days: 90,
      segment: 'email|subscribed',
    });
  });

  it('leaves out unbound parameters and unset filters, so the query’s defaults apply', () => {
    expect(
      bindParams(
        PARAMETERS,
        {
          from: { filter: 'from' },
          segment: { filter: 'segment' },
          lookback_days: { value: null },
        },
        { from: '2026-01-01', to: '2026-07-01', segment: null },
      ),
    ).toEqual({ from: '2026-01-01' });
  });

  it('ignores bindings of parameters the query no longer has, and says so', () => {
    const bindings = { gone: { value: 1 }, lookback_days: { filter: 'from' as const } };
    expect(bindParams(PARAMETERS, bindings, { from: null, to: null, segment: null })).toEqual({});
    expect(bindingProblems(PARAMETERS, bindings)).toEqual([
      'The query has no parameter “gone” any more; its binding is ignored.',
      '“lookback_days” is a number but is bound to a date filter.',
    ]);
  });

  it('starts a new query with its dates on the period and its other parameters at their defaults', () => {
    expect(
      defaultBindings(
        [...PARAMETERS, { name: 'start_date', type: 'date' }, { name: 'label', type: 'string' }],
        { lookback_days: 365 },
      ),
    ).toEqual({
      from: { filter: 'from' },
      to: { filter: 'to' },
      lookback_days: { value: 365 },
      segment: { filter: 'segment' },
      start_date: { filter: 'from' },
      label: { value: null },
    });
  });
});
