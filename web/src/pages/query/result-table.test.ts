import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../api/query-types';
import { toCsv } from '../../format/csv';
import { cellOf, columnKeys, numberText, resultTable } from './result-table';

const result = (columns: QueryResult['columns'], rows: QueryResult['rows']): QueryResult => ({
  columns,
  rows,
  rowCount: rows.length,
  truncated: false,
  limit: 10_000,
  seconds: 0.01,
  refreshId: 1,
  asOf: null,
});

describe('columnKeys', () => {
  it('keeps names and numbers repeats without meeting another name', () => {
    expect(columnKeys(['a', 'b', 'a', 'a_2', 'a'])).toEqual(['a', 'b', 'a_2', 'a_2_2', 'a_3']);
  });
});

describe('cellOf', () => {
  it('keeps numbers and text, writes booleans and nested values as text', () => {
    expect(cellOf(1.5)).toBe(1.5);
    expect(cellOf('9007199254740993')).toBe('9007199254740993');
    expect(cellOf(true)).toBe('true');
    expect(cellOf([1, 2])).toBe('[1,2]');
    expect(cellOf({ a: 1 })).toBe('{"a":1}');
    expect(cellOf(null)).toBeNull();
  });
});

describe('resultTable', () => {
  it('names columns as the query does and keeps raw values for the CSV', () => {
    const table = resultTable(
      result(
        [
          { name: 'country', type: 'VARCHAR' },
          { name: 'customers', type: 'BIGINT' },
          { name: 'customers', type: 'DOUBLE' },
        ],
        [
          ['DE', 3, 0.5],
          [null, 1, 1 / 3],
        ],
      ),
    );
    expect(table.columns.map((c) => [c.key, c.label, c.format])).toEqual([
      ['country', 'country', 'text'],
      ['customers', 'customers', 'decimal'],
      ['customers_2', 'customers', 'decimal'],
    ]);
    expect(toCsv(table)).toBe(`country,customers,customers\r\nDE,3,0.5\r\n,1,${String(1 / 3)}\r\n`);
  });
});

describe('numberText', () => {
  it('keeps integers whole and hides a double’s noise', () => {
    expect(numberText(1234567, 'en-US')).toBe('1,234,567');
    expect(numberText(0.1 + 0.2, 'en-US')).toBe('0.3');
    expect(numberText(1 / 3, 'en-US')).toBe('0.333333333333333');
    expect(numberText(-12.5, 'de-DE')).toBe('-12,5');
  });
});
