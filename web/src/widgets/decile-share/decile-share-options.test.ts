import { describe, expect, it } from 'vitest';
import { DECILES } from '../decile-table/decile-fixture';
import { decileShareOptions } from './decile-share-options';

const context = { currency: 'EUR', locale: 'en-US' };

describe('decileShareOptions', () => {
  const { option, table } = decileShareOptions(DECILES, context);

  it('draws one bar per decile at its share, decile 1 first', () => {
    const series = option.series as { type: string; data: number[] }[];
    expect(series).toHaveLength(1);
    expect(series[0]?.type).toBe('bar');
    expect(series[0]?.data).toEqual([0.6, 0.3, 0.1]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['1', '2', '3']);
  });

  it('shows the share, the money and the customers in the tooltip', () => {
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const text = formatter([{ dataIndex: 1 }]);
    expect(text).toContain('Decile 2');
    expect(text).toContain('30.0%');
    expect(text).toContain('€300.00');
    expect(text).toContain('Customers: 2');
    expect(formatter([{ dataIndex: 9 }])).toBe('');
  });

  it('has the decile table as its table', () => {
    expect(table.rows.map((r) => r.revenue)).toEqual([600, 300, 100]);
    expect(table.rows.map((r) => r.share)).toEqual([0.6, 0.3, 0.1]);
  });
});
