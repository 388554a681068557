import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { literal } from '../store/sql-text.js';
import type { Warehouse } from '../store/warehouse.js';

/**
 * Writes every rejected row, readable or not, to a CSV file (line, reason, record) in line
 * order, and returns how many there were. No file is written when nothing was rejected.
 */
export async function writeRejects(
  warehouse: Warehouse,
  queries: readonly string[],
  file: string,
): Promise<number> {
  const all = queries.map((q) => `(${q})`).join(' UNION ALL ');
  const [count] = await warehouse.query<{ n: number }>(`SELECT count(*) AS n FROM (${all})`);
  const rejected = count?.n ?? 0;
  if (rejected === 0) return 0;
  await mkdir(dirname(file), { recursive: true });
  try {
    await warehouse.run(
      `COPY (SELECT line, reason, record FROM (${all}) ORDER BY line)
       TO ${literal(file)} (FORMAT csv, HEADER true)`,
    );
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  return rejected;
}
