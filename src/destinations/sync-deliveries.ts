import type { Config } from '../config/schema.js';
import { messageOf } from '../shared/errors.js';
import type { Clock } from './clock.js';
import { deliverDue } from './deliver-due.js';
import { queueChanges } from './queue-changes.js';
import type { StoreAccess } from './store-access.js';

export interface SyncOptions {
  projectDir: string;
  settings: Config['destinations'];
  /** Only this activation; otherwise every active one. */
  activationId?: string;
  clock?: Clock;
  random?: () => number;
}

/** What one sync did. */
export interface SyncOutcome {
  queued: number;
  entries: number;
  exits: number;
  attempted: number;
  delivered: number;
  retrying: number;
  dead: number;
}

/**
 * One pass of the delivery loop: queues the entries and exits of every active activation, then
 * attempts the deliveries that are due (at most `deliveriesPerSync`). An activation whose
 * changes cannot be queued keeps the reason as its error; the others go on.
 */
export async function syncDeliveries(
  store: StoreAccess,
  options: SyncOptions,
): Promise<SyncOutcome> {
  const { settings } = options;
  const ids = await store(async (warehouse) =>
    (
      await warehouse.query<{ activation_id: string }>(
        `SELECT activation_id FROM activations
         WHERE stopped_at IS NULL AND ($id IS NULL OR activation_id = $id)
         ORDER BY created_at, activation_id`,
        { id: options.activationId ?? null },
      )
    ).map((row) => row.activation_id),
  );
  const outcome: SyncOutcome = {
    queued: 0,
    entries: 0,
    exits: 0,
    attempted: 0,
    delivered: 0,
    retrying: 0,
    dead: 0,
  };
  for (const id of ids) {
    await store(async (warehouse) => {
      try {
        const queued = await queueChanges(warehouse, id, {
          batchSize: settings.batchSize,
          clock: options.clock,
        });
        outcome.queued += queued.deliveries;
        outcome.entries += queued.entries;
        outcome.exits += queued.exits;
      } catch (error) {
        await warehouse.run(
          `UPDATE activations SET last_error = $error WHERE activation_id = $id`,
          {
            id,
            error: `could not queue changes: ${messageOf(error)}`.slice(0, 500),
          },
        );
      }
    });
  }
  const delivered = await deliverDue(store, {
    projectDir: options.projectDir,
    policy: {
      maxAttempts: settings.maxAttempts,
      baseSeconds: settings.retryBaseSeconds,
      maxSeconds: settings.retryMaxSeconds,
    },
    timeoutMs: settings.timeoutSeconds * 1000,
    limit: settings.deliveriesPerSync,
    activationId: options.activationId,
    clock: options.clock,
    random: options.random,
  });
  return { ...outcome, ...delivered };
}
