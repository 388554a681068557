import type { Warehouse } from '../../src/store/warehouse.js';

/** The engine's memory limit as it reports it ('244.1 MiB'); any connection sees the same. */
export async function memoryLimit(warehouse: Warehouse): Promise<string> {
  const [row] = await warehouse.query<{ limit: string }>(
    `SELECT current_setting('memory_limit') AS limit`,
  );
  return row?.limit ?? '';
}
