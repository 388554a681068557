import { describe, expect, it } from 'vitest';
import { fieldErrors, nodeKey } from './field-errors';

describe('the server’s field errors', () => {
  it('go to the node of the rule they name, or to the form field', () => {
    const errors = fieldErrors([
      {
        field: 'body.rule.conditions.1.conditions.0.test.value',
        message: 'must be a finite number',
      },
      { field: 'body.rule.conditions.1.conditions.0', message: 'Invalid input' },
      {
        field: 'body.rule.conditions.2.test.op',
        message: 'clv_decile is a number: equals tests a text',
      },
      { field: 'body.name', message: 'Too small' },
      { field: 'body.rule', message: 'a rule holds at most 200 conditions' },
      { field: 'body.rule.match', message: 'Invalid option' },
      'junk',
      { field: 3, message: 'x' },
    ]);
    expect(Object.fromEntries(errors.nodes)).toEqual({
      [nodeKey([1, 0])]: ['test.value: must be a finite number', 'Invalid input'],
      '2': ['test.op: clv_decile is a number: equals tests a text'],
    });
    expect(Object.fromEntries(errors.form)).toEqual({
      name: ['Too small'],
      rule: ['a rule holds at most 200 conditions', 'match: Invalid option'],
    });
  });

  it('are none for details of another shape', () => {
    expect(fieldErrors(undefined).nodes.size).toBe(0);
    expect(fieldErrors({ field: 'body.name' }).form.size).toBe(0);
  });
});
