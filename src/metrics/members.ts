/**
 * Who the figures are for: a scratch table of (customer_id, segment), or null for every
 * customer as the one segment `all`, which needs no join.
 */
export type Members = string | null;

/** `source` (a table with customer_id) with each row's segment, for the given members. */
export function withSegment(source: string, members: Members): string {
  return members === null
    ? `(SELECT *, 'all' AS segment FROM ${source})`
    : `(SELECT s.*, m.segment FROM ${source} s JOIN ${members} m USING (customer_id))`;
}

/** The segment names of the members, as a relation with one column `segment`. */
export function segmentsOf(members: Members): string {
  return members === null
    ? `(SELECT 'all' AS segment)`
    : `(SELECT DISTINCT segment FROM ${members})`;
}
