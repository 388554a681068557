import type { Activation, AudienceSummary, Destination } from '../../api/audience-types';
import type { Row, TableData } from '../../format/csv';

/** One destination of an audience and how its sync stands. */
export interface SyncState {
  activationId: string;
  destination: string;
  /** stopped; failing (dead batches or an error); pending (batches waiting); synced; never sent. */
  state: 'stopped' | 'failing' | 'pending' | 'synced' | 'waiting';
  text: string;
}

/** How an activation's deliveries stand, in a word and a sentence. */
export function syncState(activation: Activation, destinations: readonly Destination[]): SyncState {
  const destination =
    destinations.find((d) => d.id === activation.destinationId)?.name ?? activation.destinationId;
  const base = { activationId: activation.id, destination };
  if (activation.state === 'stopped')
    return { ...base, state: 'stopped', text: `${destination}: stopped` };
  if (activation.dead > 0 || activation.lastError) {
    const why = activation.lastError ? ` (${activation.lastError})` : '';
    return {
      ...base,
      state: 'failing',
      text: `${destination}: ${activation.dead} failed batch${activation.dead === 1 ? '' : 'es'}${why}`,
    };
  }
  if (activation.pending > 0) {
    return { ...base, state: 'pending', text: `${destination}: ${activation.pending} pending` };
  }
  if (activation.lastDeliveredAt) {
    return {
      ...base,
      state: 'synced',
      text: `${destination}: synced ${activation.lastDeliveredAt.slice(0, 16).replace('T', ' ')} UTC`,
    };
  }
  return { ...base, state: 'waiting', text: `${destination}: not sent yet` };
}

/** Why an audience has no figures: its last evaluation failed, or it was never evaluated. */
export function absentReason(audience: AudienceSummary): string {
  if (audience.error) return `evaluation failed: ${audience.error}`;
  if (audience.lastEvaluatedAt === null) return 'not evaluated yet: refresh the store first';
  return 'no members';
}

/**
 * The audiences as a table: size, change since the previous refresh, CLV sums and the
 * destinations with their sync state; raw values for the CSV.
 */
export function audienceTable(
  audiences: readonly AudienceSummary[],
  activations: readonly Activation[],
  destinations: readonly Destination[],
): TableData & { reasons: Map<string, string>; syncs: Map<string, SyncState[]> } {
  const reasons = new Map<string, string>();
  const syncs = new Map<string, SyncState[]>();
  const rows: Row[] = audiences.map((audience) => {
    const states = activations
      .filter((a) => a.audienceId === audience.id)
      .map((a) => syncState(a, destinations));
    syncs.set(audience.id, states);
    reasons.set(audience.id, absentReason(audience));
    return {
      id: audience.id,
      name: audience.name,
      members: audience.members,
      entered: audience.entered,
      exited: audience.exited,
      revenue: audience.revenue,
      historicClv: audience.historicClv,
      predictedClv: audience.predictedClv,
      destinations: states.map((s) => s.text).join('; '),
      lastEvaluatedAt: audience.lastEvaluatedAt,
    };
  });
  return {
    columns: [
      { key: 'name', label: 'Audience', format: 'text' },
      { key: 'members', label: 'Members', format: 'count' },
      { key: 'entered', label: 'Entered', format: 'count' },
      { key: 'exited', label: 'Exited', format: 'count' },
      { key: 'revenue', label: 'Revenue', format: 'money' },
      { key: 'historicClv', label: 'Historic CLV', format: 'money' },
      { key: 'predictedClv', label: 'Predicted CLV', format: 'money' },
      { key: 'destinations', label: 'Destinations', format: 'text' },
    ],
    rows,
    reasons,
    syncs,
  };
}
