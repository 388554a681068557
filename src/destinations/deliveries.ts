import type { Warehouse } from '../store/warehouse.js';
import { getActivation } from './activations.js';
import { isoColumn } from './clock.js';

/** One delivery in an activation's log. */
export interface DeliveryInfo {
  /** Also the idempotency key it is sent with. */
  id: string;
  kind: 'full' | 'changes';
  createdAt: string;
  members: number;
  entries: number;
  exits: number;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
}

type DeliveryRow = {
  delivery_id: string;
  kind: 'full' | 'changes';
  created_at: string;
  member_count: number;
  entries: number;
  exits: number;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
};

/** The delivery log of an activation, newest first (at most `limit` entries). */
export async function listDeliveries(
  warehouse: Warehouse,
  activationId: string,
  limit = 200,
): Promise<DeliveryInfo[]> {
  await getActivation(warehouse, activationId);
  const rows = await warehouse.query<DeliveryRow>(
    `SELECT delivery_id, kind, ${isoColumn('created_at')} AS created_at, member_count, entries,
            exits, status, attempts, ${isoColumn('next_attempt_at')} AS next_attempt_at,
            last_error, ${isoColumn('delivered_at')} AS delivered_at
     FROM deliveries WHERE activation_id = $id ORDER BY seq DESC LIMIT $limit`,
    { id: activationId, limit },
  );
  return rows.map((row) => ({
    id: row.delivery_id,
    kind: row.kind,
    createdAt: row.created_at,
    members: row.member_count,
    entries: row.entries,
    exits: row.exits,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
  }));
}
