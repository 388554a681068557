import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { refresh } from '../../src/model/refresh.js';
import { cohortSurvival, retentionReport } from '../../src/predictions/retention.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

// Fader & Hardie (2007), "How to Project Customer Retention", Table 1, "Regular" customers:
// of 1,000 acquired, alive after periods 1..7 (years there, months here). Their fit of the
// first seven periods is alpha = 0.704, beta = 1.182.
const ALIVE = [1000, 631, 468, 382, 326, 289, 262, 241];

/**
 * A subscription shop: 1,000 customers acquired in January 2024, each paying on the 5th of
 * every month while subscribed, so that ALIVE[k] of them pay in month k. With a 35-day churn
 * window, a customer is active at a month's start exactly while they keep paying.
 */
function subscriptionEvents(): string {
  const lines = ['customer_id,type,timestamp,amount,order_id'];
  let customer = 0;
  for (let lifetime = 1; lifetime <= ALIVE.length; lifetime++) {
    // Customers paying in months 0..lifetime−1 only (the last group is still subscribed).
    const count = (ALIVE[lifetime - 1] ?? 0) - (ALIVE[lifetime] ?? 0);
    for (let i = 0; i < count; i++) {
      customer += 1;
      const id = `s${String(customer).padStart(4, '0')}`;
      for (let month = 0; month < lifetime; month++) {
        const day = `2024-${String(month + 1).padStart(2, '0')}-05`;
        lines.push(`${id},purchase,${day}T10:00:00Z,20,${id}-${month}`);
      }
    }
  }
  return lines.join('\n');
}

let shop: TempProject;
beforeAll(async () => {
  shop = await tempProject({ churnWindowDays: 35 });
  const file = await shop.file('subscriptions.csv', subscriptionEvents());
  await importFile(shop.warehouse, shop.project, { file, kind: 'events' });
  await refresh(shop.warehouse, shop.project.config);
});
afterAll(() => shop.cleanup());

describe('retention of monthly cohorts (sBG)', () => {
  it("reads each cohort's survival from the first spell of activity", async () => {
    expect(await cohortSurvival(shop.warehouse)).toEqual([{ alive: ALIVE }]);
  });

  it('reproduces the published sBG fit through the whole store', async () => {
    const report = await retentionReport(shop.warehouse, shop.project.config);
    expect(report.cohorts).toBe(1);
    expect(report.customers).toBe(1000);
    expect(Number(report.fit.parameters['alpha']?.toPrecision(3))).toBe(0.704);
    expect(Number(report.fit.parameters['beta']?.toPrecision(3))).toBe(1.18);
    expect(report.observed[0]).toEqual({ month: 1, survival: 0.631, retention: 0.631 });
    expect(report.observed[6]?.survival).toBeCloseTo(0.241, 12);
    // r_t = (β + t − 1)/(α + β + t − 1) rises with t: the survivors are the loyal ones.
    const rates = report.projected.map((month) => month.retention);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(report.projected).toHaveLength(12);
    // alpha < 1: the expected lifetime is unbounded, the discounted one is not.
    expect(report.expectedLifetimeMonths).toBeNull();
    expect(report.discountedLifetimeMonths).toBeGreaterThan(1);
  });
});
