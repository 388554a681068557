import { ClvError } from '../shared/errors.js';
import type { Row, SqlParams, Warehouse } from '../store/warehouse.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** The page a caller asks for; both are optional. */
export interface PageRequest {
  limit?: number;
  offset?: number;
}

/** One page of a list, with the size of the whole list so a client can page through it. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A page of a list ranked on predictions, which says why when the models left it empty. */
export interface RankedPage<T> extends Page<T> {
  /** Why nobody is listed: a model the ranking needs failed at the last refresh; else null. */
  note: string | null;
}

/**
 * Checks a page request; `names` are the parameters as the caller spelled them, so the error
 * points at the right one (`eventsLimit` in a profile).
 */
export function checkPaging(
  request: PageRequest,
  names: { limit: string; offset: string } = { limit: 'limit', offset: 'offset' },
): { limit: number; offset: number } {
  const { limit = DEFAULT_LIMIT, offset = 0 } = request;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ClvError(
      'bad_input',
      `${names.limit} must be a whole number from 1 to ${MAX_LIMIT}, not ${String(limit)}`,
    );
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new ClvError(
      'bad_input',
      `${names.offset} must be a whole number, 0 or more, not ${String(offset)}`,
    );
  }
  return { limit, offset };
}

/**
 * Runs `sql` for one page, ordered by `orderBy` (columns of `sql`), and counts all its rows.
 * The count is a query of its own so that a page past the end still reports the total.
 */
export async function queryPage<T extends Row>(
  warehouse: Warehouse,
  sql: string,
  params: SqlParams,
  orderBy: string,
  page: { limit: number; offset: number },
): Promise<{ rows: T[]; total: number }> {
  const [count] = await warehouse.query<{ n: number }>(
    `SELECT count(*) AS n FROM (${sql})`,
    params,
  );
  const rows = await warehouse.query<T>(
    `SELECT * FROM (${sql}) ORDER BY ${orderBy} LIMIT $pageLimit OFFSET $pageOffset`,
    { ...params, pageLimit: page.limit, pageOffset: page.offset },
  );
  return { rows, total: count?.n ?? 0 };
}
