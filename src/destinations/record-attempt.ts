import type { Warehouse } from '../store/warehouse.js';
import { timestampText } from './clock.js';
import type { DeliveryMember } from './delivery-member.js';
import type { DueDelivery } from './due-delivery.js';
import { isExhausted, retryDelaySeconds, type RetryPolicy } from './backoff.js';

export type AttemptResult = 'delivered' | 'retrying' | 'dead';

/** Records a successful attempt. */
export async function recordDelivered(
  warehouse: Warehouse,
  delivery: DueDelivery,
  now: Date,
): Promise<AttemptResult> {
  await warehouse.run(
    `UPDATE deliveries SET status = 'delivered', attempts = attempts + 1,
       delivered_at = $at::TIMESTAMP, next_attempt_at = NULL
     WHERE delivery_id = $id AND status = 'pending'`,
    { id: delivery.id, at: timestampText(now) },
  );
  return 'delivered';
}

/**
 * Records a failed attempt: the next one is scheduled with backoff, or, after the last
 * allowed attempt, the delivery is dead. A dead delivery's members go back to "not sent" (unless
 * a later delivery names them) and the activation's cursor is cleared, so that the next sync
 * queues what is still due in a new delivery instead of losing it.
 */
export async function recordFailed(
  warehouse: Warehouse,
  delivery: DueDelivery,
  error: string,
  options: { now: Date; policy: RetryPolicy; random: number },
): Promise<AttemptResult> {
  const attempts = delivery.attempts + 1;
  const lastError = error.slice(0, 500);
  if (!isExhausted(attempts, options.policy)) {
    const wait = retryDelaySeconds(attempts, options.policy, options.random);
    await warehouse.run(
      `UPDATE deliveries SET attempts = $attempts, last_error = $error,
         next_attempt_at = $next::TIMESTAMP
       WHERE delivery_id = $id AND status = 'pending'`,
      {
        id: delivery.id,
        attempts,
        error: lastError,
        next: timestampText(new Date(options.now.getTime() + wait * 1000)),
      },
    );
    return 'retrying';
  }
  await warehouse.transaction(async () => {
    await warehouse.run(
      `UPDATE deliveries SET status = 'dead', attempts = $attempts, last_error = $error,
         next_attempt_at = NULL
       WHERE delivery_id = $id AND status = 'pending'`,
      { id: delivery.id, attempts, error: lastError },
    );
    await returnToUnsent(warehouse, delivery);
  });
  return 'dead';
}

async function returnToUnsent(warehouse: Warehouse, delivery: DueDelivery): Promise<void> {
  const later = await warehouse.query<{ members: string }>(
    `SELECT members::VARCHAR AS members FROM deliveries
     WHERE activation_id = $activation AND seq > $seq`,
    { activation: delivery.activationId, seq: delivery.seq },
  );
  const touched = new Set(
    later.flatMap((row) => (JSON.parse(row.members) as DeliveryMember[]).map((m) => m.customerId)),
  );
  const free = delivery.members.filter((m) => !touched.has(m.customerId));
  const entered = free.filter((m) => m.change === 'entered').map((m) => m.customerId);
  const exited = free.filter((m) => m.change === 'exited');
  const activation = delivery.activationId;
  if (entered.length > 0) {
    await warehouse.run(
      `DELETE FROM activation_sent
       WHERE activation_id = $activation AND ${warehouse.dialect.listContains('$ids', 'customer_id')}`,
      { activation, ids: entered },
    );
  }
  for (const member of exited) {
    await warehouse.run(
      `INSERT INTO activation_sent VALUES ($activation, $customer, $email) ON CONFLICT DO NOTHING`,
      { activation, customer: member.customerId, email: member.email },
    );
  }
  await warehouse.run(
    `UPDATE activations SET synced_evaluations = NULL WHERE activation_id = $activation`,
    { activation },
  );
}
