import { describe, expect, it } from 'vitest';
import {
  bindablePlaceholders,
  checkedParams,
  placeholdersOf,
} from '../../src/query/query-placeholders.js';
import { ClvError } from '../../src/shared/errors.js';

describe('{{name}} placeholders', () => {
  it('lists each placeholder once, in order; from and to are days', () => {
    expect(
      placeholdersOf(
        'SELECT * FROM orders WHERE day >= {{from}} AND day < {{ to }} AND customer_id = {{who}} OR {{from}} IS NULL',
      ),
    ).toEqual([
      { name: 'from', type: 'date' },
      { name: 'to', type: 'date' },
      { name: 'who', type: 'string' },
    ]);
    expect(placeholdersOf('SELECT {{1x}}, {{}}, {{a-b}}, {x}')).toEqual([]);
  });

  it('turns each into $name padded to the same length, and leaves other text alone', () => {
    const sql = "SELECT {{from}}, {{  who  }}, '{{x}}' AS quoted, {{1x}}";
    const bound = bindablePlaceholders(sql);
    expect(bound).toBe("SELECT $from   , $who       , '$x   ' AS quoted, {{1x}}");
    expect(bound).toHaveLength(sql.length);
  });

  it('checks names, numbers and days, and passes quotes through as values', () => {
    expect(checkedParams({ from: '2024-02-01', to: null, who: "x' OR '1'='1", n: 3 })).toEqual({
      from: '2024-02-01',
      to: null,
      who: "x' OR '1'='1",
      n: 3,
    });
    const refused = (params: Record<string, string | number | null>) => {
      try {
        checkedParams(params);
      } catch (error) {
        expect(error).toBeInstanceOf(ClvError);
        return (error as ClvError).message;
      }
      throw new Error(`accepted ${JSON.stringify(params)}`);
    };
    expect(refused({ 'a; DROP': 1 })).toBe(
      '"a; DROP" is not a parameter name (letters, digits, _)',
    );
    expect(refused({ n: Number.NaN })).toBe('the parameter n must be a finite number');
    expect(refused({ n: Number.POSITIVE_INFINITY })).toBe(
      'the parameter n must be a finite number',
    );
    expect(refused({ from: '2024-2-1' })).toBe('the parameter from must be a day, YYYY-MM-DD');
    expect(refused({ to: 20240201 })).toBe('the parameter to must be a day, YYYY-MM-DD');
  });
});
