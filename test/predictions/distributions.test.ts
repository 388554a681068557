import { describe, expect, it } from 'vitest';
import { niceCeiling, predictionDistributions } from '../../src/predictions/distributions.js';
import { projectTest } from '../helpers/project-test.js';
import { tempProject } from '../helpers/temp-project.js';

const test = projectTest();

describe('prediction distributions', () => {
  test('counts P(alive) in tenths and CLV in twenty bins up to a round 99th percentile', async ({
    keep,
  }) => {
    const t = await keep(tempProject());
    await t.warehouse.run(
      `CREATE TABLE customer_predictions (p_alive DOUBLE, predicted_clv DOUBLE)`,
    );
    // 100 customers: P(alive) 0.00, 0.01, …, 0.99; CLV 1, 2, …, 100.
    await t.warehouse.run(
      `INSERT INTO customer_predictions SELECT i / 100, i + 1 FROM range(100) t(i)`,
    );
    const d = await predictionDistributions(t.warehouse);
    expect(d.customers).toBe(100);
    expect(d.pAlive.map((b) => b.customers)).toEqual(Array(10).fill(10));
    expect(d.pAlive[3]).toEqual({ from: 0.3, to: 0.4, customers: 10 });
    // The 99th percentile of 1..100 is 99.01, rounded up to 100: bins of 5.
    expect(d.predictedClv).toHaveLength(20);
    expect(d.predictedClv[0]).toEqual({ from: 0, to: 5, customers: 4 }); // 1, 2, 3, 4
    expect(d.predictedClv[19]).toEqual({ from: 95, to: 100, customers: 6 }); // 95 … 100
    expect(d.predictedClvAbove).toBe(0);
    expect(d.predictedClv.reduce((s, b) => s + b.customers, 0)).toBe(100);
  });

  test('keeps the top 1 % apart and is empty without predictions', async ({ keep }) => {
    const t = await keep(tempProject());
    await t.warehouse.run(
      `CREATE TABLE customer_predictions (p_alive DOUBLE, predicted_clv DOUBLE)`,
    );
    expect(await predictionDistributions(t.warehouse)).toEqual({
      customers: 0,
      pAlive: [],
      predictedClv: [],
      predictedClvAbove: 0,
    });
    await t.warehouse.run(
      `INSERT INTO customer_predictions SELECT 1, CASE WHEN i = 199 THEN 10000 ELSE 10 END
       FROM range(200) t(i)`,
    );
    const d = await predictionDistributions(t.warehouse);
    // The 99th percentile is 10, so the one customer at 10,000 lies above the last bin.
    expect(d.predictedClv[19]).toEqual({ from: 9.5, to: 10, customers: 199 });
    expect(d.predictedClvAbove).toBe(1);
    // P(alive) = 1 falls in the last tenth.
    expect(d.pAlive[9]?.customers).toBe(200);
  });

  it('rounds scales up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0, 0.7, 1, 1.01, 2.2, 3, 7.5, 99.01, 1234].map(niceCeiling)).toEqual([
      0, 1, 1, 2, 2.5, 5, 10, 100, 2000,
    ]);
  });
});
