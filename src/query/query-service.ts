import type { Config } from '../config/schema.js';
import { ClvError } from '../shared/errors.js';
import type { ParamValue } from './query-placeholders.js';
import { snapshotFile, type SnapshotMeta } from './query-snapshot.js';
import { runQuery, type QueryStream } from './run-query.js';

/** One statement as a user sends it, with the values of its parameters. */
export interface QueryInput {
  sql: string;
  params?: Readonly<Record<string, ParamValue>>;
  /** Rows at most; default `query.defaultRows`, at most `query.maxRows`. */
  limit?: number;
}

/** A running query with the snapshot it reads and the row limit it runs under. */
export interface StartedQuery extends QueryStream {
  snapshot: SnapshotMeta;
  limit: number;
}

/**
 * Starts a user's statement on the snapshot of the latest refresh, in a worker of its own under
 * the project's limits. `snapshot` makes sure the snapshot is there and current
 * (`ensureQuerySnapshot` on a connection of the caller's choosing) and describes it.
 */
export async function startQuery(
  snapshot: () => Promise<SnapshotMeta>,
  queryDir: string,
  config: Config,
  input: QueryInput,
): Promise<StartedQuery> {
  const limit = input.limit ?? config.query.defaultRows;
  if (!Number.isInteger(limit) || limit < 1 || limit > config.query.maxRows) {
    throw new ClvError(
      'bad_input',
      `the row limit must be a whole number from 1 to ${config.query.maxRows} (query.maxRows)`,
    );
  }
  const meta = await snapshot();
  const stream = await runQuery({
    snapshot: snapshotFile(queryDir),
    sql: input.sql,
    params: input.params,
    limit,
    timeoutSeconds: config.query.timeoutSeconds,
    memoryMb: config.query.memoryMb,
  });
  return { ...stream, snapshot: meta, limit };
}
