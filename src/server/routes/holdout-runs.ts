import { ClvError } from '../../shared/errors.js';
import type { ServerContext } from '../server-context.js';

/** When each server's running holdout check started; a server runs one at a time. */
const running = new WeakMap<ServerContext, Date>();

/**
 * Runs a holdout check unless one is already running on this server: a second one would only
 * queue behind the first on the write lane and store a report nobody asked to wait for.
 */
export async function oneHoldoutAtATime<T>(
  context: ServerContext,
  check: () => Promise<T>,
): Promise<T> {
  const since = running.get(context);
  if (since) {
    throw new ClvError(
      'conflict',
      `a holdout check is already running (started ${since.toISOString()}): wait for it to finish, then run another`,
    );
  }
  running.set(context, new Date());
  try {
    return await check();
  } finally {
    running.delete(context);
  }
}

/** When the holdout check running on this server started, or null when none runs. */
export function holdoutRunningSince(context: ServerContext): Date | null {
  return running.get(context) ?? null;
}
