import { describe, expect } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { audienceHistory } from '../../src/segments/audience-history.js';
import { createAudience, getAudience } from '../../src/segments/audiences.js';
import { audienceShop } from '../helpers/audience-shop.js';
import { projectTest } from '../helpers/project-test.js';

const test = projectTest(() => audienceShop('none'));

// Recent buyers: a last order no more than 30 days before the as-of instant.
const RECENT = {
  version: 1,
  match: 'all',
  conditions: [{ type: 'value', field: 'days_since_last_order', test: { op: 'lte', value: 30 } }],
};

describe('membership across refreshes', () => {
  test('records entries and exits per day, and the change since the last refresh', async ({
    t,
  }) => {
    const recent = await createAudience(
      t.warehouse,
      t.project.config,
      { name: 'Recent', rule: RECENT },
      'local',
    );
    // Saved before any refresh: not evaluated.
    expect(recent.members).toBeNull();
    // Refresh 1, as of 2024-06-30 12:00: a (last order June 20, 10 days) is in; b (Feb 1) is not.
    const first = await refreshAll(t.warehouse, t.project.config, undefined, {
      audiencesAt: new Date('2024-07-01T06:00:00Z'),
    });
    expect(first.audiences).toMatchObject({ evaluated: 1, failed: 0 });
    expect(await getAudience(t.warehouse, recent.id)).toMatchObject({
      members: 1,
      entered: 1,
      exited: 0,
      revenue: 180,
    });
    // b buys again on Aug 10 and c visits on Aug 15: as of Aug 15, a's last order is 56 days
    // old (a exits) and b's 5 days (b enters).
    const later = await t.file(
      'later.csv',
      'event_id,customer_id,type,timestamp,order_id,amount,path\n' +
        '20,b,purchase,2024-08-10T09:00:00Z,o7,40,\n' +
        '21,c,page_view,2024-08-15T09:00:00Z,,,/home\n',
    );
    await importFile(t.warehouse, t.project, { file: later, kind: 'events' });
    await refreshAll(t.warehouse, t.project.config, undefined, {
      audiencesAt: new Date('2024-08-16T06:00:00Z'),
    });
    expect(await getAudience(t.warehouse, recent.id)).toMatchObject({
      members: 1,
      entered: 1,
      exited: 1,
      revenue: 60,
    });
    const { days } = await audienceHistory(t.warehouse, recent.id);
    // July 1 to August 16 inclusive: 31 + 16 days.
    expect(days).toHaveLength(47);
    expect(days[0]).toEqual({ day: '2024-07-01', members: 1, entered: 1, exited: 0 });
    expect(days[1]).toEqual({ day: '2024-07-02', members: 1, entered: 0, exited: 0 });
    expect(days.at(-1)).toEqual({ day: '2024-08-16', members: 1, entered: 1, exited: 1 });
    expect(days.slice(1, -1).every((d) => d.members === 1 && d.entered + d.exited === 0)).toBe(
      true,
    );
    const stays = await t.warehouse.query(
      `SELECT customer_id, strftime(entered_at, '%m-%d') AS entered, strftime(exited_at, '%m-%d') AS exited
       FROM audience_members ORDER BY customer_id`,
    );
    expect(stays).toEqual([
      { customer_id: 'a', entered: '07-01', exited: '08-16' },
      { customer_id: 'b', entered: '08-16', exited: null },
    ]);
  });

  test('records an audience that fails to evaluate and still finishes the refresh', async ({
    t,
  }) => {
    const good = await createAudience(
      t.warehouse,
      t.project.config,
      { name: 'Recent', rule: RECENT },
      'local',
    );
    // A rule saved when "tier" was known, the attribute since gone from every customer.
    await t.warehouse.run(
      `INSERT INTO audiences VALUES ('aud_00000000ff', 'Gold', '', 'local',
         '{"version":1,"match":"all","conditions":[{"type":"attribute","attribute":"tier","test":{"op":"equals","value":"gold"}}]}',
         1, false, NULL, now(), now(), 'local', NULL)`,
    );
    const summary = await refreshAll(t.warehouse, t.project.config);
    expect(summary.audiences).toMatchObject({ evaluated: 2, failed: 1 });
    expect(summary.audiences.seconds).toBeGreaterThanOrEqual(0);
    expect(await getAudience(t.warehouse, good.id)).toMatchObject({ members: 1, error: null });
    const broken = await getAudience(t.warehouse, 'aud_00000000ff');
    expect(broken.members).toBeNull();
    expect(broken.error).toMatch(
      /^unknown attribute "tier": known are acquisition_channel, country$/,
    );
    const [row] = await t.warehouse.query(
      `SELECT source, refresh_id, members, error IS NOT NULL AS failed FROM audience_evaluations
       WHERE audience_id = 'aud_00000000ff'`,
    );
    expect(row).toEqual({
      source: 'refresh',
      refresh_id: summary.refreshId,
      members: 0,
      failed: true,
    });
  });
});
