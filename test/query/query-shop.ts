import { addDestination } from '../../src/destinations/destinations.js';
import { createKey } from '../../src/keys/api-keys.js';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { importedShop } from '../helpers/imported-shop.js';
import type { TempProject } from '../helpers/temp-project.js';
import type { Warehouse } from '../../src/store/warehouse.js';
import { ensureQuerySnapshot } from '../../src/query/query-snapshot.js';

/**
 * Five orders of three customers, every figure countable on one hand (UTC, base EUR):
 * alice A1 Jan 5 100 and A2 Feb 10 40.50; bob B1 Jan 20 60 and B2 Mar 1 25 canceled;
 * carol C1 Feb 28 19.50. Successful revenue: 220 (alice 140.50, bob 60, carol 19.50);
 * February: A2 and C1, 60.
 */
export const QUERY_SHOP_EVENTS = [
  'event_id,customer_id,type,timestamp,order_id,amount,currency,status',
  'e1,alice,purchase,2024-01-05T10:00:00Z,A1,100,EUR,success',
  'e2,alice,purchase,2024-02-10T10:00:00Z,A2,40.5,EUR,success',
  'e3,bob,purchase,2024-01-20T10:00:00Z,B1,60,EUR,success',
  'e4,bob,purchase,2024-03-01T10:00:00Z,B2,25,EUR,canceled',
  'e5,carol,purchase,2024-02-28T10:00:00Z,C1,19.5,EUR,success',
].join('\n');

/** A secret the store holds and no query may ever show. */
export const DESTINATION_SECRET = 'hook-secret-never-in-a-query';

/**
 * The query shop, refreshed, with its query snapshot written as `clv refresh` writes it, an
 * API key and a webhook destination with a sealed secret in the store (neither may be
 * queried). `config` is written before the project is made.
 */
export async function queryShop(config: object = {}): Promise<TempProject> {
  const t = await importedShop({
    config: { timezone: 'UTC', ...config },
    files: [{ kind: 'events', content: QUERY_SHOP_EVENTS }],
  });
  try {
    await createKey(t.warehouse, { role: 'admin', name: 'shop admin' });
    await addDestination(
      t.warehouse,
      t.dir,
      {
        name: 'hook',
        kind: 'webhook',
        config: { url: 'http://127.0.0.1:9/hook' },
        secret: DESTINATION_SECRET,
      },
      'test',
    );
    await refreshAll(t.warehouse, t.project.config, undefined, { queryDir: t.project.queryDir });
    // Without datasets the refresh leaves the snapshot to the first query: write it now.
    await ensureQuerySnapshot(t.warehouse, t.project.queryDir, t.project.config.query);
    return t;
  } catch (error) {
    await t.cleanup();
    throw error;
  }
}

/** Tables whose rows must never change through the query service, and never be read by it. */
export const GUARDED_TABLES = ['events', 'api_keys', 'destinations', 'deliveries'] as const;

/** Each guarded table's row count and a checksum over every column of every row. */
export async function storeChecksums(warehouse: Warehouse): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of GUARDED_TABLES) {
    const [row] = await warehouse.query<{ n: number; h: string | null }>(
      `SELECT count(*) AS n, sum(hash(t))::VARCHAR AS h FROM ${table} AS t`,
    );
    sums[table] = `${row?.n ?? 0}:${row?.h ?? ''}`;
  }
  return sums;
}
