import { describe, expect, it } from 'vitest';
import { columnKind } from './column-kinds';

describe('columnKind', () => {
  it('reads DuckDB type texts', () => {
    for (const type of ['BIGINT', 'HUGEINT', 'DOUBLE', 'DECIMAL(18,2)', 'decimal(9, 3)', 'FLOAT']) {
      expect(columnKind(type), type).toBe('number');
    }
    for (const type of ['DATE', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP_MS']) {
      expect(columnKind(type), type).toBe('temporal');
    }
    for (const type of ['VARCHAR', 'UUID', "ENUM('a', 'b')"]) expect(columnKind(type)).toBe('text');
  });

  it('leaves booleans, lists and structs out of numbers and text', () => {
    for (const type of ['BOOLEAN', 'INTEGER[]', 'STRUCT(a INTEGER)', 'MAP(VARCHAR, INTEGER)']) {
      expect(columnKind(type), type).toBe('other');
    }
  });
});
