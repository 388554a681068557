import { describe, expect, it } from 'vitest';
import type { QuerySchema } from '../../api/query-types';
import { completionSchema } from './sql-completion';

const schema: QuerySchema = {
  refreshId: 1,
  asOf: null,
  tables: [
    {
      name: 'customers',
      group: 'raw',
      description: 'Every known customer',
      rows: 3,
      columns: [{ name: 'customer_id', type: 'VARCHAR' }],
    },
    {
      name: 'derived.orders',
      group: 'derived',
      description: '',
      rows: 2,
      columns: [{ name: 'amount', type: 'DOUBLE' }],
    },
  ],
};

describe('completionSchema', () => {
  it('offers each table with its columns and their types', () => {
    expect(completionSchema(schema)).toEqual({
      customers: {
        self: {
          label: 'customers',
          type: 'type',
          detail: 'raw table',
          info: 'Every known customer',
        },
        children: [{ label: 'customer_id', type: 'property', detail: 'VARCHAR' }],
      },
      derived: {
        orders: {
          self: { label: 'orders', type: 'type', detail: 'derived table', info: undefined },
          children: [{ label: 'amount', type: 'property', detail: 'DOUBLE' }],
        },
      },
    });
  });
});
