import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { errorHeading } from './run-error';

describe('errorHeading', () => {
  it('names a refused statement, a timeout, and anything else', () => {
    expect(errorHeading(new ApiError(400, 'bad_input', 'Parser Error'))).toBe('The query failed');
    expect(errorHeading(new ApiError(504, 'timeout', 'stopped after 30 s'))).toBe(
      'The query ran too long',
    );
    expect(errorHeading(new ApiError(0, 'network', 'The server cannot be reached.'))).toBe(
      'Could not run the query',
    );
    expect(errorHeading(undefined)).toBe('Could not run the query');
  });
});
