import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decilesReport } from '../../../src/metrics/reports/deciles.js';
import { ClvError } from '../../../src/shared/errors.js';
import type { TempProject } from '../../helpers/temp-project.js';
import { purchase, reportStore } from './report-store.js';

// Twelve buyers before 2024-07-01, lifetime revenue:
//   c01 10, c02 20, c03 30 (all on Jan 5), c04 40 … c09 90 (Mar 10),
//   c10 100 and C11 100 (a tie), c12 100 + 20 = 120.
// Not counted: c12's canceled order, c12's order at 2024-07-01 00:00 (not before asOf) and
// c13, whose only order is then.
const EVENTS = [
  ...[1, 2, 3].map((i) => purchase(`c0${i}`, '2024-01-05T12:00:00Z', i * 10)),
  ...[4, 5, 6, 7, 8, 9].map((i) => purchase(`c0${i}`, '2024-03-10T12:00:00Z', i * 10)),
  purchase('c10', '2024-03-10T12:00:00Z', 100),
  purchase('C11', '2024-03-10T12:00:00Z', 100),
  purchase('c12', '2024-03-10T12:00:00Z', 100),
  purchase('c12', '2024-04-02T12:00:00Z', 20),
  purchase('c12', '2024-04-03T12:00:00Z', 1000, 'X', 'canceled'),
  purchase('c12', '2024-07-01T00:00:00Z', 500),
  purchase('c13', '2024-07-01T00:00:00Z', 500),
];

describe('deciles', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await reportStore({ events: EVENTS });
  });
  afterAll(() => t.cleanup());

  it('cuts twelve buyers as NTILE(10): the first two deciles get two', async () => {
    // Ranked: c12 120, C11 100, c10 100 ("C" < "c" in byte order; a tie moves no number),
    // c09 90, c08 80 … c01 10. Total 770. Decile 1 = c12 + C11 = 220, decile 2 = c10 + c09
    // = 190, then one each.
    const report = await decilesReport(t.warehouse, t.project.config, { to: '2024-07-01' });
    expect(report.asOf).toBe('2024-07-01');
    expect(report.by).toBe('revenue');
    const one = (decile: number, revenue: number) => ({
      decile,
      customers: 1,
      revenue,
      share: revenue / 770,
      mean: revenue,
      min: revenue,
      max: revenue,
    });
    expect(report.deciles).toEqual([
      { decile: 1, customers: 2, revenue: 220, share: 220 / 770, mean: 110, min: 100, max: 120 },
      { decile: 2, customers: 2, revenue: 190, share: 190 / 770, mean: 95, min: 90, max: 100 },
      one(3, 80),
      one(4, 70),
      one(5, 60),
      one(6, 50),
      one(7, 40),
      one(8, 30),
      one(9, 20),
      one(10, 10),
    ]);
  });

  it('returns only the deciles that hold a customer when there are fewer than ten', async () => {
    // Before Feb 1 only c01, c02 and c03 had bought: three deciles of one, total 60.
    const report = await decilesReport(t.warehouse, t.project.config, { to: '2024-02-01' });
    expect(report.deciles.map((d) => [d.decile, d.customers, d.revenue, d.share])).toEqual([
      [1, 1, 30, 0.5],
      [2, 1, 20, 20 / 60],
      [3, 1, 10, 10 / 60],
    ]);
  });

  it('defaults asOf to the first day of the latest order month', async () => {
    // The latest order is on 2024-07-01, so the default period ends on 2024-07-01.
    const report = await decilesReport(t.warehouse, t.project.config);
    expect(report.asOf).toBe('2024-07-01');
    expect(report.deciles.reduce((n, d) => n + d.customers, 0)).toBe(12);
  });

  it('needs a fitted model to rank by predicted CLV', async () => {
    const predicted = decilesReport(t.warehouse, t.project.config, { by: 'predicted' });
    await expect(predicted).rejects.toThrow(ClvError);
    await expect(predicted).rejects.toThrow(
      'no predictions yet: run clv refresh, which fits the models',
    );
  });

  it('ranks by predicted CLV once the predictions exist, buyers without one last', async () => {
    await t.warehouse.run(
      `CREATE TABLE customer_predictions AS
       SELECT * FROM (VALUES ('c01', 1000.0), ('c02', 900.0)) v(customer_id, predicted_clv)`,
    );
    try {
      const report = await decilesReport(t.warehouse, t.project.config, {
        to: '2024-07-01',
        by: 'predicted',
      });
      expect(report.by).toBe('predicted');
      // Decile 1: c01 and c02, 1900 of a total of 1900; the other ten buyers are valued 0.
      expect(report.deciles[0]).toEqual({
        decile: 1,
        customers: 2,
        revenue: 1900,
        share: 1,
        mean: 950,
        min: 900,
        max: 1000,
      });
      expect(report.deciles.slice(1).every((d) => d.revenue === 0 && d.share === 0)).toBe(true);
    } finally {
      await t.warehouse.run('DROP TABLE customer_predictions');
    }
  });
});
