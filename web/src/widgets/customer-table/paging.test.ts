import { describe, expect, it } from 'vitest';
import { pageRange } from './paging';

describe('page range', () => {
  it('tells the first page and that a next page exists', () => {
    expect(pageRange({ offset: 0, limit: 25, total: 1056 }, 25, 'en-US')).toEqual({
      text: '1–25 of 1,056',
      previousOffset: null,
      nextOffset: 25,
    });
  });

  it('tells a short last page', () => {
    expect(pageRange({ offset: 50, limit: 25, total: 60 }, 10, 'en-US')).toEqual({
      text: '51–60 of 60',
      previousOffset: 25,
      nextOffset: null,
    });
  });

  it('tells an empty list', () => {
    expect(pageRange({ offset: 0, limit: 25, total: 0 }, 0, 'en-US')).toEqual({
      text: '0 of 0',
      previousOffset: null,
      nextOffset: null,
    });
  });
});
