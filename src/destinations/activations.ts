import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { isoColumn, systemClock, timestampText, type Clock } from './clock.js';
import { getDestination } from './destinations.js';
import { isId, newId } from './ids.js';
import type { SqlDialect } from '../store/sql-dialect.js';

/** The largest share of an audience an activation may withhold as its control group. */
export const MAX_HOLDOUT_SHARE = 0.5;

/** An audience sent to a destination, with the state of its deliveries. */
export interface ActivationInfo {
  id: string;
  audienceId: string;
  destinationId: string;
  createdAt: string;
  createdBy: string;
  holdoutShare: number;
  controlMembers: number;
  state: 'active' | 'stopped';
  lastDeliveredAt: string | null;
  pending: number;
  delivered: number;
  dead: number;
  lastError: string | null;
}

type ActivationRow = {
  activation_id: string;
  audience_id: string;
  destination_id: string;
  created_at: string;
  created_by: string;
  holdout_share: number;
  control_members: number;
  stopped: boolean;
  last_delivered_at: string | null;
  pending: number;
  delivered: number;
  dead: number;
  last_error: string | null;
};

// The activation's own error (why changes could not be queued) comes before a delivery's.
const selectActivations = (d: SqlDialect): string => `
  WITH counts AS (
    SELECT activation_id,
           count(*) FILTER (WHERE status = 'pending')::INTEGER AS pending,
           count(*) FILTER (WHERE status = 'delivered')::INTEGER AS delivered,
           count(*) FILTER (WHERE status = 'dead')::INTEGER AS dead,
           max(delivered_at) AS last_delivered_at,
           ${d.argMax('last_error', 'seq')} FILTER (WHERE last_error IS NOT NULL) AS last_error
    FROM deliveries GROUP BY activation_id
  ),
  controls AS (
    SELECT activation_id, count(*)::INTEGER AS n FROM activation_controls GROUP BY activation_id
  )
  SELECT a.activation_id, a.audience_id, a.destination_id,
         ${isoColumn('a.created_at')} AS created_at, a.created_by, a.holdout_share,
         coalesce(k.n, 0) AS control_members, a.stopped_at IS NOT NULL AS stopped,
         ${isoColumn('c.last_delivered_at')} AS last_delivered_at,
         coalesce(c.pending, 0) AS pending, coalesce(c.delivered, 0) AS delivered,
         coalesce(c.dead, 0) AS dead, coalesce(a.last_error, c.last_error) AS last_error
  FROM activations a LEFT JOIN counts c USING (activation_id)
  LEFT JOIN controls k USING (activation_id)`;

function info(row: ActivationRow): ActivationInfo {
  return {
    id: row.activation_id,
    audienceId: row.audience_id,
    destinationId: row.destination_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    holdoutShare: row.holdout_share,
    controlMembers: row.control_members,
    state: row.stopped ? 'stopped' : 'active',
    lastDeliveredAt: row.last_delivered_at,
    pending: row.pending,
    delivered: row.delivered,
    dead: row.dead,
    lastError: row.last_error,
  };
}

async function requireAudience(warehouse: Warehouse, audienceId: string): Promise<void> {
  const rows = isId('aud', audienceId)
    ? await warehouse.query(
        `SELECT 1 FROM audiences WHERE audience_id = $audienceId AND deleted_at IS NULL`,
        { audienceId },
      )
    : [];
  if (rows.length === 0) {
    const shown = isId('aud', audienceId) ? ` ${audienceId}` : '';
    throw new ClvError('not_found', `no audience${shown}: see clv audience list`);
  }
}

/**
 * Starts sending an audience to a destination. Nothing is sent here: the next sync queues the
 * full membership (less the control group) and delivers it.
 */
export async function createActivation(
  warehouse: Warehouse,
  input: { audienceId: string; destinationId: string; holdoutShare?: number },
  who: string,
  clock: Clock = systemClock,
): Promise<ActivationInfo> {
  await requireAudience(warehouse, input.audienceId);
  await getDestination(warehouse, input.destinationId);
  const share = input.holdoutShare ?? 0;
  if (!Number.isFinite(share) || share < 0 || share > MAX_HOLDOUT_SHARE) {
    throw new ClvError('usage', `\`holdoutShare\` must be from 0 to ${MAX_HOLDOUT_SHARE}`);
  }
  const id = newId('act');
  await warehouse.run(
    `INSERT INTO activations VALUES ($id, $audience, $destination, $share, $at::TIMESTAMP, $who,
       NULL, NULL, NULL, NULL)`,
    {
      id,
      audience: input.audienceId,
      destination: input.destinationId,
      share,
      at: timestampText(clock()),
      who,
    },
  );
  return getActivation(warehouse, id);
}

/** Every activation, newest first, or those of one audience. */
export async function listActivations(
  warehouse: Warehouse,
  filter: { audienceId?: string } = {},
): Promise<ActivationInfo[]> {
  const rows = await warehouse.query<ActivationRow>(
    `${selectActivations(warehouse.dialect)} WHERE $audience IS NULL OR a.audience_id = $audience
     ORDER BY a.created_at DESC, a.activation_id`,
    { audience: filter.audienceId ?? null },
  );
  return rows.map(info);
}

/** One activation; not_found when there is none. */
export async function getActivation(warehouse: Warehouse, id: string): Promise<ActivationInfo> {
  const [row] = isId('act', id)
    ? await warehouse.query<ActivationRow>(
        `${selectActivations(warehouse.dialect)} WHERE a.activation_id = $id`,
        { id },
      )
    : [];
  if (!row) {
    const shown = isId('act', id) ? ` ${id}` : '';
    throw new ClvError('not_found', `no activation${shown}: see clv audience deliveries`);
  }
  return info(row);
}

/**
 * Stops an activation: no more changes are queued, and deliveries still pending are given up
 * (dead, saying so) rather than sent after the stop.
 */
export async function stopActivation(
  warehouse: Warehouse,
  id: string,
  clock: Clock = systemClock,
): Promise<ActivationInfo> {
  await getActivation(warehouse, id);
  const at = timestampText(clock());
  await warehouse.transaction(async () => {
    await warehouse.run(
      `UPDATE activations SET stopped_at = coalesce(stopped_at, $at::TIMESTAMP)
       WHERE activation_id = $id`,
      { id, at },
    );
    await warehouse.run(
      `UPDATE deliveries SET status = 'dead', next_attempt_at = NULL,
         last_error = coalesce(last_error || '; ', '') || 'the activation was stopped before delivery'
       WHERE activation_id = $id AND status = 'pending'`,
      { id },
    );
  });
  return getActivation(warehouse, id);
}
