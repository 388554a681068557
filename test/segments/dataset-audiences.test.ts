import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { snapshotFile } from '../../src/query/query-snapshot.js';
import { createSavedQuery, editSavedQuery } from '../../src/query/saved-queries.js';
import { createAudience, editAudience } from '../../src/segments/audiences.js';
import { estimateAudience } from '../../src/segments/estimate-audience.js';
import { ClvError } from '../../src/shared/errors.js';
import { literal } from '../../src/store/sql-text.js';
import { audienceShop } from '../helpers/audience-shop.js';
import type { TempProject } from '../helpers/temp-project.js';

// The audience shop's customers are a, b, c and d. The dataset `tiers` gives a, b and c a tier
// (a number), a day since when (a date) and a label (text); d has no row. `no_ids` has no
// customer_id column, so no rule may read it.
const TIERS = `SELECT * FROM (VALUES
    ('a', 1, DATE '2024-01-01', 'gold'),
    ('b', 2, DATE '2024-03-01', 'silver'),
    ('c', 3, DATE '2024-05-01', 'bronze')
  ) AS v(customer_id, tier, since, label)`;
const TIERS_LATER = `SELECT * FROM (VALUES ('b', 1, DATE '2024-03-01', 'gold'), ('d', 2, DATE '2024-06-01', 'silver'))
  AS v(customer_id, tier, since, label)`;

const rule = (...conditions: object[]) => ({ version: 1, match: 'all', conditions });
const inTiers = (extra: object = {}) => ({
  type: 'dataset',
  dataset: 'tiers',
  member: true,
  ...extra,
});

describe('audience rules on datasets (saved queries materialised at refresh)', () => {
  let shop: TempProject;
  let tiersId = '';
  const refresh = () =>
    refreshAll(shop.warehouse, shop.project.config, undefined, {
      queryDir: shop.project.queryDir,
    });
  const members = async (audienceId: string): Promise<string[]> =>
    (
      await shop.warehouse.query<{ id: string }>(
        `SELECT customer_id AS id FROM audience_members
         WHERE audience_id = $audienceId AND exited_at IS NULL ORDER BY 1`,
        { audienceId },
      )
    ).map((row) => row.id);
  const estimated = async (value: object): Promise<string[]> => {
    const estimate = await estimateAudience(shop.warehouse, shop.project.config, { rule: value });
    return estimate.sample.map((member) => member.customerId).sort();
  };
  const refusal = async (value: object): Promise<ClvError> => {
    const error = await estimateAudience(shop.warehouse, shop.project.config, {
      rule: value,
    }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ClvError);
    expect((error as ClvError).code).toBe('bad_input');
    return error as ClvError;
  };

  beforeAll(async () => {
    shop = await audienceShop('none');
    tiersId = (
      await createSavedQuery(
        shop.warehouse,
        { name: 'Tiers', sql: TIERS, dataset: 'tiers' },
        'local',
      )
    ).id;
    await createSavedQuery(
      shop.warehouse,
      { name: 'No ids', sql: `SELECT 1 AS x`, dataset: 'no_ids' },
      'local',
    );
    const summary = await refresh();
    expect(summary.warnings.filter((w) => w.includes('snapshot'))).toEqual([]);
  }, 60_000);
  afterAll(() => shop.cleanup());

  it('selects the customers with a row, without one, and with a column passing a test', async () => {
    expect(await estimated(rule(inTiers()))).toEqual(['a', 'b', 'c']);
    expect(await estimated(rule(inTiers({ member: false })))).toEqual(['d']);
    expect(
      await estimated(rule(inTiers({ column: 'tier', test: { op: 'lte', value: 2 } }))),
    ).toEqual(['a', 'b']);
    // Not in the dataset with tier ≤ 2: c (tier 3) and d (no row).
    expect(
      await estimated(
        rule(inTiers({ member: false, column: 'tier', test: { op: 'lte', value: 2 } })),
      ),
    ).toEqual(['c', 'd']);
    expect(
      await estimated(
        rule(inTiers({ column: 'since', test: { op: 'onOrAfter', date: '2024-03-01' } })),
      ),
    ).toEqual(['b', 'c']);
    expect(
      await estimated(
        rule(inTiers({ column: 'label', test: { op: 'in', values: ['gold', 'bronze'] } })),
      ),
    ).toEqual(['a', 'c']);
  });

  it('refuses an unknown dataset or column, naming the known ones, and a test of the wrong kind', async () => {
    expect(
      (await refusal(rule({ type: 'dataset', dataset: 'nope', member: true }))).message,
    ).toMatch(/unknown dataset "nope": known are tiers \(/);
    // A dataset without customer_id is not one a rule may read.
    expect(
      (await refusal(rule({ type: 'dataset', dataset: 'no_ids', member: true }))).message,
    ).toMatch(/unknown dataset "no_ids": known are tiers \(/);
    expect((await refusal(rule(inTiers({ column: 'rank', test: { op: 'exists' } })))).message).toBe(
      'unknown column "rank" of dataset tiers: known are customer_id, tier, since, label',
    );
    expect(
      (await refusal(rule(inTiers({ column: 'tier', test: { op: 'equals', value: '1' } }))))
        .message,
    ).toBe('tiers.tier is a number: equals tests a text');
    // Column and test come together.
    expect((await refusal(rule(inTiers({ column: 'tier' })))).message).toMatch(
      /column and test come together/,
    );
  });

  it('refuses SQL in a dataset or column name', async () => {
    expect(
      (
        await refusal(
          rule({ type: 'dataset', dataset: 'tiers d; DROP TABLE events; --', member: true }),
        )
      ).message,
    ).toMatch(/^rule\.conditions\.0\.dataset: must be a dataset name/);
    expect(
      (
        await refusal(
          rule(inTiers({ column: 'tier" OR true OR "x', test: { op: 'lte', value: 2 } })),
        )
      ).message,
    ).toMatch(/^unknown column "tier\\" OR true OR \\"x" of dataset tiers/);
    const [events] = await shop.warehouse.query<{ n: number }>(
      'SELECT count(*)::INTEGER AS n FROM events',
    );
    expect(events?.n).toBeGreaterThan(0);
  });

  it('evaluates a saved audience at refresh on the datasets of that same refresh', async () => {
    const audience = await createAudience(
      shop.warehouse,
      shop.project.config,
      {
        name: 'Top tiers',
        rule: rule(inTiers({ column: 'tier', test: { op: 'lte', value: 2 } })),
      },
      'local',
    );
    expect(await members(audience.id)).toEqual(['a', 'b']);
    await editSavedQuery(shop.warehouse, tiersId, { sql: TIERS_LATER }, 'local');
    const summary = await refresh();
    expect(summary.audiences.failed).toBe(0);
    // Materialised after the audiences, the members would still be a and b until the next refresh.
    expect(await members(audience.id)).toEqual(['b', 'd']);
    const [evaluation] = await shop.warehouse.query<{ refresh: number; members: number }>(
      `SELECT refresh_id AS refresh, members FROM audience_evaluations
       WHERE audience_id = $id ORDER BY evaluated_at DESC LIMIT 1`,
      { id: audience.id },
    );
    expect(evaluation).toEqual({ refresh: summary.refreshId, members: 2 });
    // The query snapshot, put in place after the audiences, holds this refresh's membership.
    await shop.warehouse.run(
      `ATTACH ${literal(snapshotFile(shop.project.queryDir))} AS snap (READ_ONLY)`,
    );
    try {
      const inSnapshot = await shop.warehouse.query<{ id: string }>(
        `SELECT customer_id AS id FROM snap.main.audience_members
         WHERE audience_id = $id AND exited_at IS NULL ORDER BY 1`,
        { id: audience.id },
      );
      expect(inSnapshot.map((row) => row.id)).toEqual(['b', 'd']);
    } finally {
      await shop.warehouse.run('DETACH snap');
    }
    await editAudience(
      shop.warehouse,
      shop.project.config,
      audience.id,
      { rule: rule(inTiers({ member: false })) },
      'local',
    );
    expect(await members(audience.id)).toEqual(['a', 'c']);
  }, 60_000);

  it('names every step on the progress, the snapshot and the audiences after publishing', async () => {
    const steps: { step: string; done: number; total: number }[] = [];
    await refreshAll(
      shop.warehouse,
      shop.project.config,
      (step, done, total) => steps.push({ step, done, total }),
      { queryDir: shop.project.queryDir },
    );
    // 13 derived tables, the events before them, fitting and publishing, then the two after.
    const total = 18;
    expect(steps.map((entry) => entry.total)).toEqual(Array<number>(total).fill(total));
    expect(steps.map((entry) => entry.done)).toEqual([...Array(total).keys()]);
    expect(steps.slice(-3).map((entry) => entry.step)).toEqual([
      'publishing the new tables',
      'writing the query snapshot and the datasets',
      'evaluating the audiences',
    ]);
    // Without a query folder there is no snapshot to write: the bar skips its step.
    steps.length = 0;
    await refreshAll(shop.warehouse, shop.project.config, (step, done, total) =>
      steps.push({ step, done, total }),
    );
    expect(steps.slice(-2)).toEqual([
      { step: 'publishing the new tables', done: total - 3, total },
      { step: 'evaluating the audiences', done: total - 1, total },
    ]);
  }, 60_000);
});
