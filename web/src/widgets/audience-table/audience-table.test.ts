import { describe, expect, it } from 'vitest';
import type { Activation, AudienceSummary, Destination } from '../../api/audience-types';
import { absentReason, audienceTable, syncState } from './audience-table';

const audience = (over: Partial<AudienceSummary>): AudienceSummary => ({
  id: 'aud_0000000001',
  name: 'VIP',
  description: '',
  owner: 'local',
  version: 1,
  includeUnsubscribed: false,
  template: 'vip',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  updatedBy: 'local',
  streaming: false,
  members: 12,
  entered: 3,
  exited: 1,
  revenue: 1200.5,
  historicClv: 1200.5,
  predictedClv: 800,
  lastEvaluatedAt: '2026-12-02T10:00:00.000Z',
  error: null,
  ...over,
});
const activation = (over: Partial<Activation>): Activation => ({
  id: 'act_0000000001',
  audienceId: 'aud_0000000001',
  destinationId: 'dst_0000000001',
  createdAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'local',
  holdoutShare: 0,
  controlMembers: 0,
  state: 'active',
  lastDeliveredAt: null,
  pending: 0,
  delivered: 0,
  dead: 0,
  lastError: null,
  ...over,
});
const hook: Destination = {
  id: 'dst_0000000001',
  name: 'CRM hook',
  kind: 'webhook',
  enabled: true,
  config: {},
  hasSecret: true,
  createdAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'local',
};

describe('the audience table', () => {
  it('lists size, change and sums with each destination’s sync state', () => {
    const table = audienceTable(
      [
        audience({}),
        audience({
          id: 'aud_0000000002',
          name: 'New',
          members: null,
          entered: null,
          exited: null,
          revenue: null,
          historicClv: null,
          predictedClv: null,
          lastEvaluatedAt: null,
        }),
      ],
      [activation({ lastDeliveredAt: '2026-12-02T10:05:00.000Z', delivered: 2 })],
      [hook],
    );
    expect(table.rows).toEqual([
      {
        id: 'aud_0000000001',
        name: 'VIP',
        members: 12,
        entered: 3,
        exited: 1,
        revenue: 1200.5,
        historicClv: 1200.5,
        predictedClv: 800,
        destinations: 'CRM hook: synced 2026-12-02 10:05 UTC',
        lastEvaluatedAt: '2026-12-02T10:00:00.000Z',
      },
      {
        id: 'aud_0000000002',
        name: 'New',
        members: null,
        entered: null,
        exited: null,
        revenue: null,
        historicClv: null,
        predictedClv: null,
        destinations: '',
        lastEvaluatedAt: null,
      },
    ]);
    expect(table.reasons.get('aud_0000000002')).toBe('not evaluated yet: refresh the store first');
    expect(table.columns.map((c) => c.key)).toContain('destinations');
  });

  it('names how each activation stands: stopped, failing, pending, synced or not sent', () => {
    const state = (over: Partial<Activation>) => syncState(activation(over), [hook]);
    expect(state({ state: 'stopped', dead: 3 }).state).toBe('stopped');
    expect(state({ dead: 2, lastError: 'HTTP 500' }).text).toBe(
      'CRM hook: 2 failed batches (HTTP 500)',
    );
    expect(state({ pending: 1 }).text).toBe('CRM hook: 1 pending');
    expect(state({}).text).toBe('CRM hook: not sent yet');
    // An unknown destination (removed since) is named by its id.
    expect(syncState(activation({ destinationId: 'dst_ffffffffff' }), []).destination).toBe(
      'dst_ffffffffff',
    );
  });

  it('says why an audience has no figures', () => {
    expect(absentReason(audience({ error: 'unknown attribute tier' }))).toBe(
      'evaluation failed: unknown attribute tier',
    );
    expect(absentReason(audience({ members: 0 }))).toBe('no members');
  });
});
