import { describe, expect, it } from 'vitest';
import { asOptions } from '../../src/cli/output.js';

describe('parameters named in messages, on the command line', () => {
  it('reads as the options the user typed', () => {
    expect(asOptions('`holdoutFrom` must be a date YYYY-MM-DD, not "1997-02-30"')).toBe(
      '--holdout-from must be a date YYYY-MM-DD, not "1997-02-30"',
    );
    expect(asOptions('`from` (2024-03-01) must come before `to` (2024-02-01)')).toBe(
      '--from (2024-03-01) must come before --to (2024-02-01)',
    );
    // Commands in backticks are not parameters.
    expect(asOptions('no orders: run `clv refresh` after importing purchases')).toBe(
      'no orders: run `clv refresh` after importing purchases',
    );
  });
});
