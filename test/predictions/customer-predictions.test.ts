import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bgNbd } from '../../src/predict/bg-nbd.js';
import { discountedIfAlive } from '../../src/predict/clv.js';
import { parameterVector } from '../../src/predict/fit-model.js';
import { expectedSpend, spendParameters } from '../../src/predict/gamma-gamma.js';
import { storedFits } from '../../src/predictions/model-fit-table.js';
import { cdnowShop } from '../helpers/cdnow-shop.js';
import type { TempProject } from '../helpers/temp-project.js';

type Prediction = {
  customer_id: string;
  frequency: number;
  recency: number;
  T: number;
  monetary: number | null;
  p_alive: number;
  churn_risk: number;
  expected_purchases: number;
  expected_spend: number;
  predicted_clv: number;
  predicted_clv_low: number;
  predicted_clv_high: number;
  next_purchase_date: string | null;
  status: string;
  reason: string | null;
};

const SETTINGS = { horizonMonths: 6, monthlyDiscountRate: 0.02, margin: 0.3 };
let shop: TempProject;
let rows: Prediction[];

beforeAll(async () => {
  shop = await cdnowShop({ model: SETTINGS });
  rows = await shop.query<Prediction>('SELECT * FROM customer_predictions ORDER BY customer_id');
});
afterAll(() => shop.cleanup());

describe('customer_predictions after refresh (CDNOW, all 78 weeks)', () => {
  it('has one row per buyer, fitted on the whole history', async () => {
    expect(rows).toHaveLength(2357);
    const fits = await storedFits(shop.warehouse);
    expect(fits?.map((fit) => [fit.role, fit.model, fit.status, fit.reason])).toEqual([
      ['purchase', 'bgnbd', 'ok', null],
      ['spend', 'gammagamma', 'ok', null],
    ]);
    expect(rows.every((row) => row.status === 'ok' && row.reason === null)).toBe(true);
    // Customer 0003 first bought on 1997-01-01 and never again; the data end on 1998-06-30.
    const third = rows.find((row) => row.customer_id === '0003');
    expect(third?.frequency).toBe(0);
    expect(third?.T).toBeCloseTo(545 / 7, 10);
  });

  it('prices every customer as margin × expected spend × discounted expected purchases', async () => {
    const fits = await storedFits(shop.warehouse);
    const purchase = fits?.find((fit) => fit.role === 'purchase')?.fit;
    const spend = fits?.find((fit) => fit.role === 'spend')?.fit;
    if (!purchase || !spend) throw new Error('no fits');
    const parameters = parameterVector(purchase);
    const spendParams = spendParameters(spend);
    const settings = { ...SETTINGS, unitDays: 7 };
    for (const row of rows.filter((_, i) => i % 97 === 0)) {
      const alive = bgNbd.probabilityAlive(parameters, row.frequency, row.recency, row.T);
      const spent = expectedSpend(spendParams, row.frequency, row.monetary ?? 0);
      const discounted = discountedIfAlive(bgNbd, parameters, row.frequency, row.T, settings);
      expect(row.p_alive).toBeCloseTo(alive, 12);
      expect(row.churn_risk).toBeCloseTo(1 - alive, 12);
      expect(row.expected_spend).toBeCloseTo(spent, 9);
      expect(row.predicted_clv).toBeCloseTo(0.3 * spent * alive * discounted, 9);
      // Six months of 365.25 / 12 days, in weeks.
      const horizon = (6 * 365.25) / 12 / 7;
      expect(row.expected_purchases).toBeCloseTo(
        alive * bgNbd.expectedPurchasesIfAlive(parameters, row.frequency, row.T, horizon),
        12,
      );
    }
  });

  it('never leaves CLV negative, NaN or outside its interval', () => {
    for (const row of rows) {
      expect(row.predicted_clv).toBeGreaterThan(0);
      expect(row.predicted_clv_low).toBeLessThan(row.predicted_clv);
      expect(row.predicted_clv_high).toBeGreaterThan(row.predicted_clv);
      expect(row.p_alive).toBeGreaterThan(0);
      expect(row.p_alive).toBeLessThanOrEqual(1);
      if (row.next_purchase_date !== null) expect(row.next_purchase_date > '1998-06-30').toBe(true);
    }
  });

  it('ranks an active frequent buyer above a lapsed one', () => {
    const value = (id: string) => rows.find((row) => row.customer_id === id)?.predicted_clv ?? NaN;
    const active = rows
      .filter((row) => row.frequency >= 10 && row.T - row.recency < 4)
      .map((row) => row.customer_id);
    const lapsed = rows
      .filter((row) => row.frequency === 1 && row.T - row.recency > 60)
      .map((row) => row.customer_id);
    expect(active.length).toBeGreaterThan(0);
    expect(lapsed.length).toBeGreaterThan(0);
    expect(Math.min(...active.map(value))).toBeGreaterThan(Math.max(...lapsed.map(value)));
  });
});
