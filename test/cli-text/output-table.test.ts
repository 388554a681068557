import { describe, expect, it } from 'vitest';
import { table } from '../../src/cli/output.js';

describe('the text table', () => {
  it('gives each number column one number of decimals, thousands separators, and right-aligns', () => {
    expect(
      table([
        ['channel', 'spend', 'CAC', 'buyers'],
        ['paid', 1643.48, 56.7, 29],
        ['social', 286.4, '-', 1200],
        ['organic', 0, 5, 3],
      ]),
    ).toBe(
      [
        'channel  spend     CAC   buyers',
        'paid     1,643.48  56.7      29',
        'social     286.40     -   1,200',
        'organic      0.00   5.0       3',
      ].join('\n'),
    );
  });

  it('right-aligns number-like text and leaves other text left', () => {
    expect(
      table([
        ['a', 'b'],
        ['x', '0.5'],
        ['long name', '12.25 %'],
      ]),
    ).toBe(['a          b', 'x              0.5', 'long name  12.25 %'].join('\n'));
  });
});
