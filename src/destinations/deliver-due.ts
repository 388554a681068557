import { messageOf } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import type { RetryPolicy } from './backoff.js';
import { isoColumn, systemClock, timestampText, type Clock } from './clock.js';
import type { DeliveryMember } from './delivery-member.js';
import { loadDestination, type LoadedDestination } from './destinations.js';
import type { DueDelivery } from './due-delivery.js';
import { DeliveryFailure } from './post-json.js';
import { recordDelivered, recordFailed, type AttemptResult } from './record-attempt.js';
import { sendDelivery } from './send-delivery.js';
import type { StoreAccess } from './store-access.js';

export interface DeliverOptions {
  projectDir: string;
  policy: RetryPolicy;
  timeoutMs: number;
  /** Attempts made by this call at most. */
  limit: number;
  activationId?: string;
  clock?: Clock;
  random?: () => number;
}

export interface DeliverOutcome {
  attempted: number;
  delivered: number;
  retrying: number;
  dead: number;
}

type DueRow = {
  delivery_id: string;
  activation_id: string;
  audience_id: string;
  destination_id: string;
  seq: number;
  kind: 'full' | 'changes';
  created_at: string;
  attempts: number;
  members: string;
};

/**
 * Each activation's deliveries go out in order: only its oldest pending one is due, so a
 * receiver never sees an exit before the entry it undoes.
 */
async function dueHeads(
  warehouse: Warehouse,
  now: Date,
  limit: number,
  activationId: string | null,
  tried: readonly string[],
): Promise<DueDelivery[]> {
  const rows = await warehouse.query<DueRow>(
    `WITH heads AS (
       SELECT *, row_number() OVER (PARTITION BY activation_id ORDER BY seq) AS place
       FROM deliveries WHERE status = 'pending'
     )
     SELECT h.delivery_id, h.activation_id, a.audience_id, a.destination_id, h.seq, h.kind,
            ${isoColumn('h.created_at')} AS created_at, h.attempts, h.members::VARCHAR AS members
     FROM heads h JOIN activations a USING (activation_id)
     JOIN destinations d USING (destination_id)
     WHERE h.place = 1 AND h.next_attempt_at <= $now::TIMESTAMP
       AND a.stopped_at IS NULL AND d.enabled AND d.deleted_at IS NULL
       AND ($activation IS NULL OR h.activation_id = $activation)
       AND NOT ${warehouse.dialect.listContains('$tried', 'h.delivery_id')}
     ORDER BY h.next_attempt_at, h.delivery_id LIMIT $limit`,
    { now: timestampText(now), limit, activation: activationId, tried },
  );
  return rows.map((row) => ({
    id: row.delivery_id,
    activationId: row.activation_id,
    audienceId: row.audience_id,
    destinationId: row.destination_id,
    seq: row.seq,
    kind: row.kind,
    createdAt: row.created_at,
    attempts: row.attempts,
    members: JSON.parse(row.members) as DeliveryMember[],
  }));
}

/**
 * Attempts the deliveries that are due, at most `limit`, different activations' at once, and
 * each at most once per call (a retry waits for a later call even when its backoff is short).
 * The network waits happen outside the store; each outcome is recorded as soon as it is known.
 */
export async function deliverDue(
  store: StoreAccess,
  options: DeliverOptions,
): Promise<DeliverOutcome> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const outcome: DeliverOutcome = { attempted: 0, delivered: 0, retrying: 0, dead: 0 };
  const tried: string[] = [];
  while (outcome.attempted < options.limit) {
    const { heads, destinations } = await store(async (warehouse) => {
      const due = await dueHeads(
        warehouse,
        clock(),
        options.limit - outcome.attempted,
        options.activationId ?? null,
        tried,
      );
      const loaded = new Map<string, LoadedDestination | string>();
      for (const id of new Set(due.map((d) => d.destinationId))) {
        try {
          loaded.set(id, await loadDestination(warehouse, options.projectDir, id));
        } catch (error) {
          loaded.set(id, `could not open the destination: ${messageOf(error)}`);
        }
      }
      return { heads: due, destinations: loaded };
    });
    if (heads.length === 0) break;
    tried.push(...heads.map((delivery) => delivery.id));
    const results = await Promise.all(
      heads.map((delivery) => attempt(store, delivery, destinations, options, clock, random)),
    );
    for (const result of results) {
      outcome.attempted += 1;
      outcome[result] += 1;
    }
  }
  return outcome;
}

async function attempt(
  store: StoreAccess,
  delivery: DueDelivery,
  destinations: Map<string, LoadedDestination | string>,
  options: DeliverOptions,
  clock: Clock,
  random: () => number,
): Promise<AttemptResult> {
  let failure: string | null = null;
  try {
    const destination = destinations.get(delivery.destinationId);
    if (destination === undefined) throw new DeliveryFailure('the destination was removed');
    if (typeof destination === 'string') throw new DeliveryFailure(destination);
    await sendDelivery(destination, delivery, {
      projectDir: options.projectDir,
      timeoutMs: options.timeoutMs,
      now: clock(),
    });
  } catch (error) {
    failure = error instanceof DeliveryFailure ? error.message : `failed: ${messageOf(error)}`;
  }
  const now = clock();
  return store((warehouse) =>
    failure === null
      ? recordDelivered(warehouse, delivery, now)
      : recordFailed(warehouse, delivery, failure, {
          now,
          policy: options.policy,
          random: random(),
        }),
  );
}
