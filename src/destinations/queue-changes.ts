import type { Warehouse } from '../store/warehouse.js';
import { systemClock, timestampText, type Clock } from './clock.js';
import { carriesEmail, parseSettings, type DestinationKind } from './destination-config.js';
import type { DeliveryMember } from './delivery-member.js';
import { currentMembers, customersByIds, type Recipient } from './audience-recipients.js';
import { isControl } from './holdout.js';
import { newDeliveryId } from './ids.js';
import { stopActivation } from './activations.js';

/** What one queueing pass of an activation added. */
export interface QueueOutcome {
  activationId: string;
  deliveries: number;
  entries: number;
  exits: number;
  /** Members newly withheld as the control group. */
  controls: number;
}

type ActivationState = {
  audience_id: string;
  holdout_share: number;
  kind: DestinationKind;
  config: string;
  enabled: boolean;
  include_unsubscribed: boolean;
  audience_deleted: boolean;
  synced_evaluations: number | null;
  evaluations: number;
  latest_evaluation: string | null;
  deliveries: number;
  next_seq: number;
};

/**
 * Turns what changed in an activation's audience into deliveries. The first pass queues the
 * whole membership (kind `full`); later ones the entries and exits (`changes`), found as the
 * difference between the members the destination should have now and those it was sent:
 * whatever the evaluations' timestamps, nothing is missed and nothing sent twice. Members the
 * destination may not receive never enter: the control group (recorded) and, for a destination
 * carrying email addresses, those without email consent unless the audience includes them; a
 * sent member who loses consent exits. Deliveries, the sent set and the cursor change in one
 * transaction.
 */
export async function queueChanges(
  warehouse: Warehouse,
  activationId: string,
  options: { batchSize: number; clock?: Clock },
): Promise<QueueOutcome> {
  const none = { activationId, deliveries: 0, entries: 0, exits: 0, controls: 0 };
  const [state] = await warehouse.query<ActivationState>(
    `SELECT a.audience_id, a.holdout_share, d.kind, d.config::VARCHAR AS config, d.enabled,
            coalesce(u.include_unsubscribed, false) AS include_unsubscribed,
            u.deleted_at IS NOT NULL AS audience_deleted,
            a.synced_evaluations,
            (SELECT count(*) FROM audience_evaluations e WHERE e.audience_id = a.audience_id)
              AS evaluations,
            (SELECT max(evaluated_at)::VARCHAR FROM audience_evaluations e
             WHERE e.audience_id = a.audience_id) AS latest_evaluation,
            (SELECT count(*) FROM deliveries x WHERE x.activation_id = a.activation_id)
              AS deliveries,
            (SELECT coalesce(max(seq), 0) + 1 FROM deliveries x
             WHERE x.activation_id = a.activation_id) AS next_seq
     FROM activations a JOIN destinations d USING (destination_id)
     LEFT JOIN audiences u USING (audience_id)
     WHERE a.activation_id = $id AND a.stopped_at IS NULL AND d.deleted_at IS NULL`,
    { id: activationId },
  );
  // Stopped, removed, paused, or no evaluation since the last pass: nothing new to send.
  if (!state || !state.enabled) return none;
  if (state.audience_deleted) {
    // The destination keeps what it was last sent; nothing more goes out for a deleted rule.
    await stopActivation(warehouse, activationId, options.clock);
    await warehouse.run(
      `UPDATE activations SET last_error = 'stopped: the audience was deleted'
       WHERE activation_id = $id`,
      { id: activationId },
    );
    return none;
  }
  const first = state.deliveries === 0;
  if (!first && state.synced_evaluations === state.evaluations) return none;

  const settings = parseSettings(state.kind, JSON.parse(state.config));
  const emailAttribute = settings.config.emailAttribute;
  const needsConsent = carriesEmail(settings) && !state.include_unsubscribed;
  const needsAddress = settings.kind === 'email-list';
  const members = await currentMembers(warehouse, state.audience_id, emailAttribute);
  const eligible = members.filter(
    (m) => (!needsConsent || m.emailSubscribed) && (!needsAddress || m.email !== null),
  );
  const controls = eligible.filter((m) =>
    isControl(state.audience_id, m.customerId, state.holdout_share),
  );
  const wanted = new Map(
    eligible
      .filter((m) => !isControl(state.audience_id, m.customerId, state.holdout_share))
      .map((m) => [m.customerId, m]),
  );
  const sentRows = await warehouse.query<{ customer_id: string; email: string | null }>(
    `SELECT customer_id, email FROM activation_sent WHERE activation_id = $id`,
    { id: activationId },
  );
  const sent = new Map(sentRows.map((row) => [row.customer_id, row.email]));
  const entries = [...wanted.values()].filter((m) => !sent.has(m.customerId));
  const exitIds = [...sent.keys()].filter((id) => !wanted.has(id)).sort();
  const leavers = await customersByIds(warehouse, exitIds, emailAttribute);

  const changes: DeliveryMember[] = [
    ...entries.map((m) => member(m, 'entered', m.email)),
    ...exitIds.map((id) => exitMember(id, leavers.get(id), sent.get(id) ?? null)),
  ];
  const clock = options.clock ?? systemClock;
  const at = timestampText(clock());
  const batches = chunk(changes, settings.config.batchSize ?? options.batchSize);
  // A first pass with nobody to send still tells the destination: the membership is empty.
  if (first && batches.length === 0) batches.push([]);

  let newControls = 0;
  await warehouse.transaction(async () => {
    for (const [i, batch] of batches.entries()) {
      const entered = batch.filter((m) => m.change === 'entered').length;
      await warehouse.run(
        `INSERT INTO deliveries VALUES ($id, $activation, $seq, $kind, $at::TIMESTAMP,
           $members::JSON, $count, $entries, $exits, 'pending', 0, $at::TIMESTAMP, NULL, NULL)`,
        {
          id: newDeliveryId(),
          activation: activationId,
          seq: state.next_seq + i,
          kind: first ? 'full' : 'changes',
          at,
          members: JSON.stringify(batch),
          count: batch.length,
          entries: entered,
          exits: batch.length - entered,
        },
      );
    }
    if (entries.length > 0) {
      await warehouse.append(
        'activation_sent',
        entries.map((m) => [activationId, m.customerId, m.email]),
      );
    }
    if (exitIds.length > 0) {
      await warehouse.run(
        `DELETE FROM activation_sent WHERE activation_id = $id AND ${warehouse.dialect.listContains('$ids', 'customer_id')}`,
        { id: activationId, ids: exitIds },
      );
    }
    if (controls.length > 0) {
      newControls = await warehouse.run(
        `INSERT INTO activation_controls
         SELECT $id, c.customer_id, $at::TIMESTAMP FROM (SELECT unnest($ids) AS customer_id) c
         WHERE c.customer_id NOT IN (
           SELECT customer_id FROM activation_controls WHERE activation_id = $id)`,
        { id: activationId, ids: controls.map((m) => m.customerId), at },
      );
    }
    await warehouse.run(
      `UPDATE activations SET synced_evaluations = $evaluations,
         synced_through = $latest::TIMESTAMP, last_error = NULL
       WHERE activation_id = $id`,
      { id: activationId, evaluations: state.evaluations, latest: state.latest_evaluation },
    );
  });
  return {
    activationId,
    deliveries: batches.length,
    entries: entries.length,
    exits: exitIds.length,
    controls: newControls,
  };
}

function member(
  recipient: Recipient,
  change: DeliveryMember['change'],
  email: string | null,
): DeliveryMember {
  return {
    customerId: recipient.customerId,
    change,
    email,
    predictedClv: recipient.predictedClv,
    pAlive: recipient.pAlive,
    revenue: recipient.revenue,
  };
}

/** An exit names the address the member was subscribed with, whatever it is now. */
function exitMember(
  id: string,
  now: Recipient | undefined,
  sentEmail: string | null,
): DeliveryMember {
  if (now) return member(now, 'exited', sentEmail ?? now.email);
  return {
    customerId: id,
    change: 'exited',
    email: sentEmail,
    predictedClv: null,
    pAlive: null,
    revenue: null,
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
