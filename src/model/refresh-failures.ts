import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';

/** A refresh that failed and has not been followed by one that succeeded. */
export interface RefreshFailure {
  startedAt: string;
  message: string;
}

/**
 * The error a failed refresh leaves with, in words for the person who runs it: which step
 * failed and the engine's first line (its SQL excerpt and hints stay in the cause, for logs).
 */
export function refreshFailure(step: string, error: unknown, hadRefresh: boolean): ClvError {
  if (error instanceof ClvError) return error;
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  // "Binder Error: …": the engine's kind of error means nothing to the reader.
  const said = first
    .replace(/^[A-Z][A-Za-z ]* Error: /, '')
    .trim()
    .replace(/[.!]+$/, '');
  return new ClvError(
    'failure',
    `the refresh failed while ${step}: ${said}. ` +
      (hadRefresh
        ? 'The reports still show the last refresh that succeeded'
        : 'No refresh has succeeded yet'),
    { cause: error },
  );
}

/** Keeps a failed refresh, shown by `latestRefreshFailure` until a refresh succeeds after it. */
export async function recordRefreshFailure(
  warehouse: Warehouse,
  startedAt: string,
  message: string,
): Promise<void> {
  await warehouse.run(
    `INSERT INTO refresh_failures
     SELECT (SELECT coalesce(max(failure_id), 0) + 1 FROM refresh_failures),
            $startedAt::TIMESTAMP, (SELECT max(refresh_id) FROM refreshes), $message`,
    { startedAt: startedAt.replace('T', ' ').replace('Z', ''), message },
  );
}

/** The latest failed refresh when no refresh has succeeded since, else null. */
export async function latestRefreshFailure(warehouse: Warehouse): Promise<RefreshFailure | null> {
  const [row] = await warehouse.query<{ started_at: string; message: string }>(
    `SELECT strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at, message
     FROM refresh_failures
     WHERE after_refresh_id IS NOT DISTINCT FROM (SELECT max(refresh_id) FROM refreshes)
     ORDER BY failure_id DESC LIMIT 1`,
  );
  return row ? { startedAt: row.started_at, message: row.message } : null;
}
