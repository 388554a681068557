import { describe, expect, it } from 'vitest';
import { binLabel, distributionView, tailNote } from './distribution-histogram-options';

const context = { currency: 'EUR', locale: 'en-US' };
const clvBins = [
  { from: 0, to: 50, customers: 6 },
  { from: 50, to: 100, customers: 3 },
];

describe('distribution histogram', () => {
  it('draws one bar per bin with the range as its label', () => {
    const { option } = distributionView({
      bins: [
        { from: 0, to: 0.5, customers: 2 },
        { from: 0.5, to: 1, customers: 8 },
      ],
      format: 'percent',
      label: 'P(alive)',
      context,
    });
    expect(option.xAxis).toMatchObject({ data: ['0%–50%', '50%–100%'], name: 'P(alive)' });
    expect((option.series as { data: number[] }[])[0]?.data).toEqual([2, 8]);
  });

  it('labels money bins in the base currency', () => {
    expect(binLabel({ from: 950, to: 1000, customers: 1 }, 'money', context)).toBe('€950–€1K');
  });

  it('adds the tail above the last bin to the table only, with an open upper bound', () => {
    const { option, table } = distributionView({
      bins: clvBins,
      format: 'money',
      label: 'Predicted CLV',
      above: 1,
      context,
    });
    expect((option.series as { data: number[] }[])[0]?.data).toEqual([6, 3]);
    expect(table.columns.map((c) => c.label)).toEqual([
      'Predicted CLV from',
      'Predicted CLV to',
      'Customers',
      'Share of customers',
    ]);
    expect(table.rows).toEqual([
      { from: 0, to: 50, customers: 6, share: 0.6 },
      { from: 50, to: 100, customers: 3, share: 0.3 },
      { from: 100, to: null, customers: 1, share: 0.1 },
    ]);
  });

  it('leaves the share null when no customer is counted', () => {
    const { table } = distributionView({
      bins: [{ from: 0, to: 1, customers: 0 }],
      format: 'percent',
      label: 'P(alive)',
      context,
    });
    expect(table.rows[0]?.share).toBeNull();
  });

  it('says how many customers lie above the last bin', () => {
    expect(tailNote({ bins: clvBins, above: 45, format: 'money', context })).toBe(
      '45 customers above €100.00 not drawn.',
    );
    expect(tailNote({ bins: clvBins, above: 0, format: 'money', context })).toBeNull();
  });
});
