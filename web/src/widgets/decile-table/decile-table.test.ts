import { describe, expect, it } from 'vitest';
import { decileTable } from './decile-table';
import { DECILES } from './decile-fixture';

describe('decileTable', () => {
  it('has one row per decile with the raw values', () => {
    const table = decileTable(DECILES);
    expect(table.columns.map((c) => c.key)).toEqual([
      'decile',
      'customers',
      'revenue',
      'share',
      'mean',
      'min',
      'max',
    ]);
    expect(table.rows[1]).toEqual({
      decile: 2,
      customers: 2,
      revenue: 300,
      share: 0.3,
      mean: 150,
      min: 100,
      max: 200,
    });
    expect(table.rows).toHaveLength(3);
  });

  it('names the summed value after what the deciles rank by', () => {
    expect(decileTable(DECILES).columns[2]?.label).toBe('Revenue');
    expect(decileTable({ ...DECILES, by: 'predicted' }).columns[2]?.label).toBe('Predicted CLV');
  });
});
