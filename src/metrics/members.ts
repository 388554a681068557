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

/**
 * How a CTE of `withSegment` is kept (`WITH name AS ${segmentCte(members)}(…)`). For everyone
 * it is the table itself, which each reader scans with its own filters: keeping every row of
 * it, as the engine does for a CTE read several times, cost a third to a half of a report at a
 * million customers. A segmentation's join is worth keeping.
 */
export const segmentCte = (members: Members): string =>
  members === null ? 'NOT MATERIALIZED ' : '';

/** The segment names of the members, as a relation with one column `segment`. */
export function segmentsOf(members: Members): string {
  return members === null
    ? `(SELECT 'all' AS segment)`
    : `(SELECT DISTINCT segment FROM ${members})`;
}
