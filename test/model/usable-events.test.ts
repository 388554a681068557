import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usableEvents } from '../../src/model/usable-events.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

// Limits at their edges: a zone-less minimum read in the project's zone (midnight in Berlin
// is 23:00 UTC the day before), a maximum to the microsecond, a fractional amount.
const CONFIG = {
  timezone: 'Europe/Berlin',
  import: {
    minTimestamp: '2020-01-01',
    maxTimestamp: '2025-06-01T12:00:00.000001Z',
    maxAmount: 1234.5,
  },
};

/** Event id, UTC time, amount; `kept` says whether the refresh reads it. */
const EVENTS: { id: string; ts: string; amount: number | null; kept: boolean }[] = [
  { id: 'at-min', ts: '2019-12-31 23:00:00', amount: 10, kept: true },
  { id: 'before-min', ts: '2019-12-31 22:59:59.999999', amount: 10, kept: false },
  { id: 'at-max', ts: '2025-06-01 12:00:00.000001', amount: null, kept: true },
  { id: 'after-max', ts: '2025-06-01 12:00:00.000002', amount: null, kept: false },
  { id: 'max-amount', ts: '2024-01-01 00:00:00', amount: 1234.5, kept: true },
  { id: 'over-amount', ts: '2024-01-01 00:00:00', amount: 1234.500001, kept: false },
  { id: 'negative', ts: '2024-01-01 00:00:00', amount: -0.01, kept: false },
  { id: 'zero', ts: '2024-01-01 00:00:00', amount: 0, kept: true },
];

describe('the events a refresh reads', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await tempProject(CONFIG);
    for (const event of EVENTS) {
      await t.warehouse.run(
        `INSERT INTO events (event_id, customer_id, type, kind, ts, amount, import_id, source_line)
         VALUES ($id, 'c1', 'purchase', 'purchase', $ts::TIMESTAMP, $amount, 1, 1)`,
        { id: event.id, ts: event.ts, amount: event.amount },
      );
    }
    await t.warehouse.run('CREATE SCHEMA usable');
  });
  afterAll(() => t.cleanup());

  it('are the stored ones inside the accepted ranges, edges included, and it says how many are not', async () => {
    const warning = await usableEvents(t.warehouse, t.project.config, 'usable');
    expect(warning).toMatch(
      /^4 stored events are outside the accepted ranges .*\(2 with a time outside .*; 2 with an amount that is not a number from 0 to 1234\.5 /,
    );
    const kept = await t.query<{ id: string }>(
      'SELECT event_id AS id FROM usable.events ORDER BY event_id',
    );
    expect(kept.map((row) => row.id)).toEqual(
      EVENTS.filter((event) => event.kept)
        .map((event) => event.id)
        .sort(),
    );
  });
});
