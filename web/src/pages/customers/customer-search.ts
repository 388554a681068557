/** What the Customers page searches for; it lives in the address so Back returns to it. */
export interface CustomerSearch {
  /** Part of the customer id. */
  q: string;
  /** An attribute name and the value to match; both or neither reach the API. */
  attribute: string;
  value: string;
  offset: number;
}

const KEYS = ['q', 'attribute', 'value', 'offset'] as const;

/** The search in a query string; anything malformed falls back to no search. */
export function parseSearch(search: URLSearchParams): CustomerSearch {
  const offset = Number(search.get('offset') ?? 0);
  return {
    q: search.get('q')?.trim() ?? '',
    attribute: search.get('attribute')?.trim() ?? '',
    value: search.get('value') ?? '',
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** Whether the search asks for nothing: the page then lists the top customers. */
export function isEmptySearch(search: CustomerSearch): boolean {
  return !search.q && !(search.attribute && search.value);
}

/** The API query of a search: the attribute only with a value, as the API requires. */
export function searchQuery(search: CustomerSearch, limit: number) {
  const byAttribute = search.attribute !== '' && search.value !== '';
  return {
    q: search.q || undefined,
    attribute: byAttribute ? search.attribute : undefined,
    value: byAttribute ? search.value : undefined,
    limit,
    offset: search.offset,
  };
}

/** The address of a search, keeping the other parameters (the dashboard's filters). */
export function searchAddress(path: string, current: URLSearchParams, search: CustomerSearch) {
  const params = new URLSearchParams(current);
  KEYS.forEach((key) => params.delete(key));
  if (search.q) params.set('q', search.q);
  if (search.attribute && search.value) {
    params.set('attribute', search.attribute);
    params.set('value', search.value);
  }
  if (search.offset > 0) params.set('offset', String(search.offset));
  const text = params.toString();
  return `${path}${text ? `?${text}` : ''}`;
}
