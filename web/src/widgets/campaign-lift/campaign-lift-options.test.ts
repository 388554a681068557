import { describe, expect, it } from 'vitest';
import { LIFT } from '../campaign-table/campaign-fixture';
import { campaignLiftOptions } from './campaign-lift-options';

const context = { currency: 'EUR', locale: 'en-US' };

describe('treated vs control', () => {
  it('puts the conversion of both groups side by side, the difference in the table', () => {
    const view = campaignLiftOptions([LIFT], 'conversion', context);
    const series = view.option.series as { name: string; data: number[] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['Treated', [0.1]],
      ['Control', [0.05]],
    ]);
    expect(view.table.rows[0]).toEqual({
      audience: 'VIP',
      treated: 900,
      treatedValue: 0.1,
      control: 100,
      controlValue: 0.05,
      difference: 0.05,
      low: 0.0021,
      high: 0.0912,
      inWords: '+5.0 pp (95 % CI 0.2 to 9.1 pp), significant',
    });
  });

  it('does the same for revenue per customer, in money', () => {
    const view = campaignLiftOptions([LIFT], 'revenuePerCustomer', context);
    expect(view.table.rows[0]).toMatchObject({
      treatedValue: 10,
      controlValue: 4,
      difference: 6,
      inWords: '+€6.00 (95 % CI -€1.50 to €13.25), not significant',
    });
    expect(view.table.columns.find((c) => c.key === 'difference')?.format).toBe('money');
  });
});
