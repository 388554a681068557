import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npsReport } from '../../../src/metrics/reports/nps.js';
import type { TempProject } from '../../helpers/temp-project.js';
import { purchase, reportStore, survey } from './report-store.js';

// New York time, as of 2024-07-01. The retention base is who bought in
// [2022-07-01, 2023-07-01); retained are those of them who bought in [2023-07-01, 2024-07-01).
const EVENTS = [
  // Promoters. n1's score changed from 3 to 10: the latest answer before asOf counts.
  survey('n1', '2024-03-01T12:00:00Z', 3),
  survey('n1', '2024-06-01T12:00:00Z', 10),
  purchase('n1', '2022-09-01T12:00:00Z', 100),
  purchase('n1', '2024-02-01T12:00:00Z', 50),
  // n2's 2 came after asOf, so 9 counts; its order on Jul 1 is not before asOf.
  survey('n2', '2024-05-01T12:00:00Z', 9),
  survey('n2', '2024-07-15T12:00:00Z', 2),
  purchase('n2', '2022-12-01T12:00:00Z', 200),
  purchase('n2', '2024-07-01T12:00:00Z', 999),
  survey('n8', '2024-05-01T12:00:00Z', 9),
  purchase('n8', '2024-03-01T12:00:00Z', 40),
  // Passives: n3 bought in both years (its canceled order does not count); n6 never bought.
  survey('n3', '2024-05-01T12:00:00Z', 8),
  purchase('n3', '2023-01-15T12:00:00Z', 30),
  purchase('n3', '2023-08-15T12:00:00Z', 30),
  purchase('n3', '2024-01-01T12:00:00Z', 500, 'X', 'canceled'),
  survey('n6', '2024-05-01T12:00:00Z', 7),
  // Detractors. n4's 6 at 02:00 UTC on Jul 1 is 22:00 on Jun 30 in New York: before asOf.
  survey('n4', '2024-02-01T12:00:00Z', 10),
  survey('n4', '2024-07-01T02:00:00Z', 6),
  purchase('n4', '2021-05-01T12:00:00Z', 80),
  // n5 answered twice at the same instant: the later line (0) wins.
  survey('n5', '2024-04-01T12:00:00Z', 10),
  survey('n5', '2024-04-01T12:00:00Z', 0),
  // n7 answered after asOf only: not a respondent.
  survey('n7', '2024-08-01T12:00:00Z', 10),
];

describe('NPS', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await reportStore({ config: { timezone: 'America/New_York' }, events: EVENTS });
  });
  afterAll(() => t.cleanup());

  it('scores each customer by the latest answer and values each group', async () => {
    const report = await npsReport(t.warehouse, t.project.config, { to: '2024-07-01' });
    // 3 promoters, 2 passives, 2 detractors: (3 - 2) / 7 x 100.
    expect(report.asOf).toBe('2024-07-01');
    expect(report.respondents).toBe(7);
    expect(report.nps).toBeCloseTo(100 / 7, 12);
    expect(report.groups).toEqual([
      // Lifetime revenue n1 150, n2 200, n8 40 -> 130; 390 over 4 orders; of n1 and n2 (the
      // base), n1 bought again.
      { group: 'promoters', customers: 3, clvHistoric: 130, apv: 97.5, retentionRate: 0.5 },
      // Only n3 bought: 60 over 2 orders; n3 is the base and bought again.
      { group: 'passives', customers: 2, clvHistoric: 60, apv: 30, retentionRate: 1 },
      // Only n4 bought, in 2021: nobody in the base.
      { group: 'detractors', customers: 2, clvHistoric: 80, apv: 80, retentionRate: null },
    ]);
  });

  it('is null with no respondents, and every group is empty', async () => {
    const report = await npsReport(t.warehouse, t.project.config, { to: '2024-01-01' });
    expect(report.nps).toBeNull();
    expect(report.respondents).toBe(0);
    for (const group of report.groups) {
      expect(group).toEqual({
        group: group.group,
        customers: 0,
        clvHistoric: null,
        apv: null,
        retentionRate: null,
      });
    }
  });
});
