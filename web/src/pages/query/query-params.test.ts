import { describe, expect, it } from 'vitest';
import { defaultTexts, paramFields, paramValues, placeholderNames } from './query-params';

const SQL = `SELECT * FROM orders
WHERE ordered_at >= {{from}} AND ordered_at < {{ to }}
  AND amount > {{min_amount}} AND segment = {{segment}} OR {{from}} IS NULL`;

describe('placeholderNames', () => {
  it('lists each placeholder once, in order', () => {
    expect(placeholderNames(SQL)).toEqual(['from', 'to', 'min_amount', 'segment']);
    expect(placeholderNames('SELECT 1')).toEqual([]);
  });
});

describe('paramFields', () => {
  it('takes the saved query’s types, else dates for from and to and text for the rest', () => {
    const fields = paramFields(SQL, [{ name: 'min_amount', type: 'number' }]);
    expect(fields.map((f) => [f.name, f.type, f.input])).toEqual([
      ['from', 'date', 'date'],
      ['to', 'date', 'date'],
      ['min_amount', 'number', 'number'],
      ['segment', 'string', 'text'],
    ]);
  });
});

describe('paramValues', () => {
  it('sends numbers as numbers and leaves empty fields out', () => {
    const fields = paramFields(SQL, [{ name: 'min_amount', type: 'number' }]);
    expect(
      paramValues(fields, { from: '2026-01-01', to: '', min_amount: '12.5', segment: '42' }),
    ).toEqual({ from: '2026-01-01', min_amount: 12.5, segment: '42' });
  });
});

describe('defaultTexts', () => {
  it('fills the fields with a saved query’s defaults', () => {
    expect(defaultTexts({ from: '2026-01-01', min_amount: 10, segment: null })).toEqual({
      from: '2026-01-01',
      min_amount: '10',
      segment: '',
    });
    expect(defaultTexts(undefined)).toEqual({});
  });
});
