import type { SqlParams, Warehouse } from '../store/warehouse.js';
import type { Staged } from '../store/staged.js';

/**
 * Materialises a validation query as a scratch table and returns its name. `select` reads
 * `staged.relation`, outputs `line`, `reason` (NULL when the row can be stored) and its own
 * columns, and passes `staged.carried` through; the raw record is kept for rejected rows only.
 */
export async function validatedTable(
  warehouse: Warehouse,
  staged: Staged,
  target: string,
  select: string,
  params?: SqlParams,
): Promise<string> {
  const carried = staged.carried.length > 0 ? `EXCLUDE (${staged.carried.join(', ')})` : '';
  await warehouse.scratch.fromQuery(
    target,
    `SELECT * ${carried}, CASE WHEN reason IS NOT NULL THEN ${staged.record} END AS record
     FROM (${select})`,
    params,
  );
  return target;
}
