import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { errorPosition, offsetOf, positionText } from './error-position';

describe('errorPosition', () => {
  it('reads the line and column of a 400', () => {
    const error = new ApiError(400, 'bad_input', 'Parser Error', { line: 2, column: 5 });
    expect(errorPosition(error)).toEqual({ line: 2, column: 5 });
    expect(positionText({ line: 2, column: 5 })).toBe('line 2, column 5');
  });

  it('is null without a position, or for other errors', () => {
    expect(errorPosition(new ApiError(409, 'conflict', 'Not refreshed'))).toBeNull();
    expect(errorPosition(new ApiError(400, 'bad_input', 'x', [{ field: 'sql' }]))).toBeNull();
    expect(errorPosition(new Error('x'))).toBeNull();
  });
});

describe('offsetOf', () => {
  const sql = 'SELECT *\nFROM nope\nWHERE 1';

  it('counts lines and columns from 1', () => {
    expect(offsetOf(sql, { line: 1, column: 1 })).toBe(0);
    expect(offsetOf(sql, { line: 2, column: 6 })).toBe(sql.indexOf('nope'));
    expect(offsetOf(sql, { line: 3, column: 7 })).toBe(sql.indexOf('1'));
  });

  it('stays inside the text', () => {
    expect(offsetOf(sql, { line: 2, column: 99 })).toBe(sql.indexOf('\nWHERE'));
    expect(offsetOf(sql, { line: 9, column: 1 })).toBe(sql.length);
  });
});
