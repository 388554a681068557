import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atRiskCustomers } from '../../src/customers/at-risk-customers.js';
import { customerProfile } from '../../src/customers/customer-profile.js';
import { topCustomers } from '../../src/customers/top-customers.js';
import { cdnowShop, cdnowTransactions } from '../helpers/cdnow-shop.js';
import type { TempProject } from '../helpers/temp-project.js';

type Valued = {
  customer_id: string;
  revenue: number;
  predicted_clv: number;
  churn_risk: number;
};

describe('customer queries on CDNOW with predictions', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await cdnowShop();
  }, 120_000);
  afterAll(() => t.cleanup());

  it('ranks by predicted CLV as customer_predictions does, page after page', async () => {
    const expected = await t.query<{ customer_id: string; predicted_clv: number }>(
      `SELECT customer_id, predicted_clv FROM customer_predictions
       ORDER BY predicted_clv DESC, customer_id LIMIT 40`,
    );
    const first = await topCustomers(t.warehouse, t.project.config, { by: 'predicted', limit: 20 });
    const second = await topCustomers(t.warehouse, t.project.config, {
      by: 'predicted',
      limit: 20,
      offset: 20,
    });
    expect(first.total).toBe(2357);
    expect([...first.items, ...second.items].map((c) => [c.customerId, c.predictedClv])).toEqual(
      expected.map((row) => [row.customer_id, row.predicted_clv]),
    );
    const byHistoric = await topCustomers(t.warehouse, t.project.config, {
      by: 'historic',
      limit: 3,
    });
    expect(byHistoric.items.map((c) => [c.customerId, c.historicClv])).toEqual(
      (
        await t.query<{ customer_id: string; revenue: number }>(
          `SELECT customer_id, revenue::DOUBLE AS revenue FROM customer_summary
           ORDER BY revenue DESC, customer_id LIMIT 3`,
        )
      ).map((row) => [row.customer_id, row.revenue]),
    );
  });

  it('lists valuable customers at risk by the documented rule', async () => {
    const all = await t.query<Valued>(
      `SELECT s.customer_id, s.revenue::DOUBLE AS revenue, p.predicted_clv, p.churn_risk
       FROM customer_summary s JOIN customer_predictions p USING (customer_id)`,
    );
    const byRevenue = [...all].sort((a, b) => b.revenue - a.revenue);
    // 2,357 buyers: the top 20 % are the first ceil(471.4) = 472.
    const bar = byRevenue[471]?.revenue ?? Number.NaN;
    const expected = (minRisk: number) =>
      byRevenue
        .filter((c) => c.churn_risk >= minRisk && (c.revenue >= bar || c.predicted_clv >= bar))
        .sort((a, b) => b.revenue - a.revenue || (a.customer_id < b.customer_id ? -1 : 1))
        .map((c) => c.customer_id);

    const atRisk = await atRiskCustomers(t.warehouse, t.project.config, { limit: 500 });
    expect(atRisk.total).toBe(expected(0.5).length);
    expect(atRisk.total).toBeGreaterThan(50);
    expect(atRisk.items.map((c) => c.customerId)).toEqual(expected(0.5));
    for (const item of atRisk.items) {
      expect(item.churnRisk).toBeGreaterThanOrEqual(0.5);
      expect(item.churnRisk).toBeCloseTo(1 - (item.pAlive ?? 0), 12);
    }
    const surer = await atRiskCustomers(t.warehouse, t.project.config, {
      minChurnRisk: 0.9,
      limit: 500,
    });
    expect(surer.items.map((c) => c.customerId)).toEqual(expected(0.9));
    expect(surer.total).toBeLessThan(atRisk.total);
  });

  it("shows a customer's orders from the log and the prediction stored for them", async () => {
    const bought = (await cdnowTransactions()).filter((row) => row.customer === '0001');
    // 0001 bought four times: 29.33, 29.73, 14.96 and 26.48 dollars.
    expect(bought.map((row) => row.dollars)).toEqual(['29.33', '29.73', '14.96', '26.48']);
    const profile = await customerProfile(t.warehouse, t.project.config, '0001', {
      eventsLimit: 2,
    });
    expect(profile.currency).toBe('USD');
    expect(profile.historic).toEqual({
      orders: 4,
      revenue: 100.5,
      firstOrder: '1997-01-01',
      lastOrder: '1997-12-12',
      apv: 25.125,
      canceled: 0,
      returned: 0,
      other: 0,
    });
    const [stored] = await t.query(
      `SELECT p_alive, churn_risk, expected_purchases, expected_spend, predicted_clv,
              predicted_clv_low, predicted_clv_high, spend_low, spend_high,
              next_purchase_date, frequency, T
       FROM customer_predictions WHERE customer_id = '0001'`,
    );
    expect(profile.prediction).toEqual({
      pAlive: stored?.['p_alive'],
      churnRisk: stored?.['churn_risk'],
      expectedPurchases: stored?.['expected_purchases'],
      expectedSpend: stored?.['expected_spend'],
      predictedClv: stored?.['predicted_clv'],
      predictedClvLow: stored?.['predicted_clv_low'],
      predictedClvHigh: stored?.['predicted_clv_high'],
      spendLow: stored?.['spend_low'],
      spendHigh: stored?.['spend_high'],
      nextPurchaseDate: stored?.['next_purchase_date'],
      status: 'ok',
      reason: null,
    });
    const prediction = profile.prediction;
    expect(prediction?.predictedClvLow).toBeLessThan(prediction?.predictedClv ?? 0);
    expect(prediction?.predictedClvHigh).toBeGreaterThan(prediction?.predictedClv ?? 0);
    expect(prediction?.spendLow).toBe(0);
    expect(prediction?.spendHigh).toBeGreaterThan(prediction?.predictedClv ?? Infinity);
    // Under BG/NBD a live customer's silence for t weeks has probability
    // ((α + T)/(α + T + t))^(r + x); P(alive) · (1 − that) = 1/2 at t below, counted in whole
    // days from the last order day, 1998-06-30.
    const [params] = await t.query<{ r: number; alpha: number }>(
      `SELECT (fit->>'$.parameters.r')::DOUBLE AS r, (fit->>'$.parameters.alpha')::DOUBLE AS alpha
       FROM model_fit WHERE role = 'purchase'`,
    );
    const { r = NaN, alpha = NaN } = params ?? {};
    const x = Number(stored?.['frequency']);
    const T = Number(stored?.['T']);
    const weeks = (alpha + T) * ((1 - 0.5 / Number(stored?.['p_alive'])) ** (-1 / (r + x)) - 1);
    const day = new Date(Date.UTC(1998, 5, 30 + Math.ceil(weeks * 7)));
    expect(prediction?.nextPurchaseDate).toBe(day.toISOString().slice(0, 10));
    expect(profile.timeline.total).toBe(4);
    expect(profile.timeline.items.map((item) => [item.ts, item.amount])).toEqual([
      ['1997-12-12T12:00:00.000Z', 26.48],
      ['1997-08-02T12:00:00.000Z', 14.96],
    ]);
  });
});
