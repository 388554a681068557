import { describe, expect, it } from 'vitest';
import { columnKind, ruleDatasets } from './datasets';

describe('the datasets a rule may read, from the query schema', () => {
  it('keeps the datasets with a customer_id, by name, their columns with the kind they are tested as', () => {
    const datasets = ruleDatasets({
      tables: [
        { name: 'orders', group: 'derived', columns: [{ name: 'customer_id', type: 'VARCHAR' }] },
        {
          name: 'dataset_clv_deciles',
          group: 'datasets',
          columns: [
            { name: 'customer_id', type: 'VARCHAR' },
            { name: 'decile', type: 'BIGINT' },
            { name: 'revenue', type: 'DECIMAL(38,9)' },
            { name: 'since', type: 'DATE' },
            { name: 'label', type: 'VARCHAR' },
          ],
        },
        { name: 'dataset_summary', group: 'datasets', columns: [{ name: 'n', type: 'BIGINT' }] },
        {
          name: 'dataset_a_first',
          group: 'datasets',
          columns: [{ name: 'customer_id', type: 'VARCHAR' }],
        },
      ],
    });
    expect(datasets).toEqual([
      { name: 'a_first', columns: [] },
      {
        name: 'clv_deciles',
        columns: [
          { name: 'decile', kind: 'number' },
          { name: 'revenue', kind: 'number' },
          { name: 'since', kind: 'date' },
          { name: 'label', kind: 'text' },
        ],
      },
    ]);
  });

  it('reads engine types as the server does', () => {
    expect(columnKind('DOUBLE')).toBe('number');
    expect(columnKind('TIMESTAMP WITH TIME ZONE')).toBe('date');
    expect(columnKind('BOOLEAN')).toBe('text');
    expect(columnKind('VARCHAR[]')).toBe('text');
  });
});
