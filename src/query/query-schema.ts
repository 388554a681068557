import type { SnapshotMeta, SnapshotTable } from './query-snapshot.js';

/** What a query can read: every table of the snapshot with its columns and description. */
export interface QuerySchema {
  refreshId: number;
  asOf: string | null;
  tables: SnapshotTable[];
}

/** The schema of a snapshot, as `GET /query/schema` and `clv query --schema` give it. */
export function querySchema(meta: SnapshotMeta): QuerySchema {
  return { refreshId: meta.refreshId, asOf: meta.asOf, tables: meta.tables };
}
