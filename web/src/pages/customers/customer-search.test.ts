import { describe, expect, it } from 'vitest';
import { isEmptySearch, parseSearch, searchAddress, searchQuery } from './customer-search';

describe('customer search in the address', () => {
  it('reads the search, ignoring a malformed offset', () => {
    expect(parseSearch(new URLSearchParams('q=%20C0001%20&offset=50'))).toEqual({
      q: 'C0001',
      attribute: '',
      value: '',
      offset: 50,
    });
    expect(parseSearch(new URLSearchParams('offset=-3')).offset).toBe(0);
    expect(parseSearch(new URLSearchParams('offset=abc')).offset).toBe(0);
  });

  it('is empty without an id part or a complete attribute match', () => {
    expect(isEmptySearch(parseSearch(new URLSearchParams('')))).toBe(true);
    expect(isEmptySearch(parseSearch(new URLSearchParams('attribute=country')))).toBe(true);
    expect(isEmptySearch(parseSearch(new URLSearchParams('attribute=country&value=DE')))).toBe(
      false,
    );
  });

  it('sends the attribute only with a value', () => {
    const search = { q: 'C1', attribute: 'country', value: '', offset: 25 };
    expect(searchQuery(search, 25)).toEqual({
      q: 'C1',
      attribute: undefined,
      value: undefined,
      limit: 25,
      offset: 25,
    });
    expect(searchQuery({ ...search, q: '', value: 'DE' }, 25)).toMatchObject({
      q: undefined,
      attribute: 'country',
      value: 'DE',
    });
  });

  it('writes the search to the address, keeping other parameters', () => {
    const current = new URLSearchParams('range=ytd&q=old&offset=25');
    expect(
      searchAddress('/customers', current, {
        q: 'C 1',
        attribute: 'country',
        value: 'DE',
        offset: 0,
      }),
    ).toBe('/customers?range=ytd&q=C+1&attribute=country&value=DE');
    expect(
      searchAddress('/customers', new URLSearchParams(), parseSearch(new URLSearchParams())),
    ).toBe('/customers');
  });
});
