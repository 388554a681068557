import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rfmReport } from '../../../src/metrics/reports/rfm.js';
import { inRfmGroup, rfmGroups } from '../../../src/metrics/reports/rfm-groups.js';
import type { TempProject } from '../../helpers/temp-project.js';
import { purchase, reportStore } from './report-store.js';

// A dozen buyers before 2024-07-01: the last successful order's day and the number of orders,
// 10 EUR each, one a day going back from the last. Recency counts from 2024-06-30.
//
//   customer  last day    recency  orders   R  F  group
//   r01       2024-06-30     0       8      5  5  champions
//   r02       2024-06-25     5       5      5  4  champions
//   r03       2024-06-20    10       1      4  1  potential_loyalists
//   R04       2024-06-20    10       7      5  5  champions
//   r05       2024-06-10    20       2      4  2  potential_loyalists
//   r06       2024-06-01    29       3      4  3  loyal
//   r07       2024-05-01    60       5      3  4  loyal
//   r08       2024-04-01    90       1      3  1  need_attention
//   r09       2024-03-01   121       6      2  5  cant_lose_them
//   r10       2024-02-01   150       3      2  3  at_risk
//   r11       2024-01-01   181       4      1  4  at_risk
//   r12       2023-12-01   212       2      1  2  hibernating
//
// NTILE(5) of 12 makes quintiles of 3, 3, 2, 2, 2: scores 5, 5, 5, 4, 4, 4, 3, 3, 2, 2, 1, 1
// down the ranking. Recency ranks r01, r02, then the tie at 10 days: "R04" < "r03" in byte
// order, so R04 takes the last R 5 and r03 gets R 4. Frequency ranks r01 8, R04 7, r09 6 |
// r02 5, r07 5, r11 4 | r06 3, r10 3 | r05 2, r12 2 | r03 1, r08 1.
// Not counted: r03's canceled order on Jun 29 and r12's order on 2024-07-01.
const BUYERS: [string, string, number][] = [
  ['r01', '2024-06-30', 8],
  ['r02', '2024-06-25', 5],
  ['r03', '2024-06-20', 1],
  ['R04', '2024-06-20', 7],
  ['r05', '2024-06-10', 2],
  ['r06', '2024-06-01', 3],
  ['r07', '2024-05-01', 5],
  ['r08', '2024-04-01', 1],
  ['r09', '2024-03-01', 6],
  ['r10', '2024-02-01', 3],
  ['r11', '2024-01-01', 4],
  ['r12', '2023-12-01', 2],
];

const daysBefore = (day: string, days: number): string =>
  new Date(Date.parse(day) - days * 86_400_000).toISOString().slice(0, 10);

const EVENTS = [
  ...BUYERS.flatMap(([customer, last, orders]) =>
    Array.from({ length: orders }, (_, i) =>
      purchase(customer, `${daysBefore(last, i)}T12:00:00Z`, 10),
    ),
  ),
  purchase('r03', '2024-06-29T12:00:00Z', 10, 'X', 'canceled'),
  purchase('r12', '2024-07-01T12:00:00Z', 10),
];

describe('RFM groups', () => {
  it('state their rules in words', () => {
    expect(rfmGroups.map((g) => [g.group, g.rule])).toEqual([
      ['champions', 'R 4-5 and F 4-5'],
      ['loyal', 'R 3 and F 3-5, or R 4-5 and F 3'],
      ['potential_loyalists', 'R 4 and F 1-2, or R 5 and F 2'],
      ['new_customers', 'R 5 and F 1'],
      ['need_attention', 'R 3 and F 1-2'],
      ['at_risk', 'R 1-2 and F 3-4'],
      ['cant_lose_them', 'R 1-2 and F 5'],
      ['hibernating', 'R 1-2 and F 1-2'],
    ]);
  });

  it('give every cell of the 5 x 5 grid exactly one group', () => {
    for (const r of [1, 2, 3, 4, 5]) {
      for (const f of [1, 2, 3, 4, 5]) {
        expect(
          rfmGroups.filter((g) => inRfmGroup(g, r, f)),
          `R ${r} F ${f}`,
        ).toHaveLength(1);
      }
    }
  });
});

describe('RFM report', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await reportStore({ events: EVENTS });
  });
  afterAll(() => t.cleanup());

  it('scores a dozen buyers by quintile and groups them by R and F', async () => {
    const report = await rfmReport(t.warehouse, t.project.config, { to: '2024-07-01' });
    expect(report.asOf).toBe('2024-07-01');
    const group = (
      name: string,
      customers: number,
      revenue: number,
      recency: number | null,
      frequency: number | null,
    ) => ({
      group: name,
      rule: rfmGroups.find((g) => g.group === name)?.rule,
      customers,
      share: customers / 12,
      revenue,
      meanRecencyDays: recency,
      meanFrequency: frequency,
      meanMonetary: customers === 0 ? null : revenue / customers,
    });
    expect(report.groups).toEqual([
      // r01, r02, R04: recency (0 + 5 + 10) / 3, orders (8 + 5 + 7) / 3.
      group('champions', 3, 200, 5, 20 / 3),
      // r06, r07: (29 + 60) / 2, (3 + 5) / 2.
      group('loyal', 2, 80, 44.5, 4),
      // r03, r05: (10 + 20) / 2, (1 + 2) / 2.
      group('potential_loyalists', 2, 30, 15, 1.5),
      group('new_customers', 0, 0, null, null),
      group('need_attention', 1, 10, 90, 1),
      // r10, r11: (150 + 181) / 2, (3 + 4) / 2.
      group('at_risk', 2, 70, 165.5, 3.5),
      group('cant_lose_them', 1, 60, 121, 6),
      group('hibernating', 1, 20, 212, 2),
    ]);
  });

  it('counts customers per R and F score', async () => {
    const report = await rfmReport(t.warehouse, t.project.config, { to: '2024-07-01' });
    expect(report.scores).toHaveLength(25);
    expect(report.scores.filter((s) => s.customers > 0)).toEqual([
      { r: 5, f: 5, customers: 2 },
      { r: 5, f: 4, customers: 1 },
      { r: 4, f: 3, customers: 1 },
      { r: 4, f: 2, customers: 1 },
      { r: 4, f: 1, customers: 1 },
      { r: 3, f: 4, customers: 1 },
      { r: 3, f: 1, customers: 1 },
      { r: 2, f: 5, customers: 1 },
      { r: 2, f: 3, customers: 1 },
      { r: 1, f: 4, customers: 1 },
      { r: 1, f: 2, customers: 1 },
    ]);
  });

  it('has no buyers and null means before the first order', async () => {
    const report = await rfmReport(t.warehouse, t.project.config, { to: '2023-01-01' });
    expect(report.groups.every((g) => g.customers === 0 && g.share === null)).toBe(true);
    expect(report.groups[0]?.meanMonetary).toBeNull();
    expect(report.scores.every((s) => s.customers === 0)).toBe(true);
  });
});
