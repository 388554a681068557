import { describe, expect, it } from 'vitest';
import { bgNbd } from '../../src/predict/bg-nbd.js';
import { fitGammaGamma } from '../../src/predict/gamma-gamma.js';
import { medianSpend, shrunkSpend } from '../../src/predict/shrunk-spend.js';
import { purchaseSummary } from '../../src/predict/summary.js';
import { predictReport } from '../../src/predictions/predict-report.js';
import { Random } from '../../src/shared/random.js';
import { cdnowSummaryRows } from '../helpers/cdnow-summary.js';
import { importedShop } from '../helpers/imported-shop.js';
import type { TempProject } from '../helpers/temp-project.js';

/** A project with these purchases (customer, day, amount), refreshed with its models. */
function shop(purchases: [string, string, number][], model = 'auto'): Promise<TempProject> {
  const csv = [
    'customer_id,type,timestamp,order_id,amount',
    ...purchases.map(([customer, day, amount], i) => `${customer},purchase,${day},o${i},${amount}`),
  ].join('\n');
  return importedShop({
    config: { model: { purchaseModel: model }, refresh: { cron: null } },
    files: [{ kind: 'events', content: csv }],
    refresh: 'all',
  });
}

type Row = {
  customer_id: string;
  p_alive: number | null;
  expected_spend: number | null;
  predicted_clv: number | null;
  spend_low: number | null;
  spend_high: number | null;
  status: string;
  reason: string | null;
};

const rows = (t: TempProject) =>
  t.query<Row>(
    `SELECT customer_id, p_alive, expected_spend, predicted_clv, spend_low, spend_high, status, reason
     FROM customer_predictions ORDER BY customer_id`,
  );

const monthly = (customer: string, day: number, amounts: number[]): [string, string, number][] =>
  amounts.map((amount, i) => [
    customer,
    `2024-${String(i + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    amount,
  ]);

describe('models on the shops that broke them', () => {
  it('a 17-row shop of 2 repeat buyers refreshes: degenerate fits, finite flagged predictions', async () => {
    // Gamma-Gamma's p ran to 2.6e305 here and the refresh failed binding it as BIGINT.
    const t = await shop([
      ...monthly('A', 1, [10, 12, 11, 13, 10, 9, 12, 14]),
      ...monthly('B', 10, [20, 22, 25, 21, 20, 23, 26, 20, 22]),
    ]);
    try {
      const fits = await t.query<{ role: string; status: string }>(
        'SELECT role, status FROM model_fit ORDER BY role',
      );
      expect(fits.map((f) => f.status)).toEqual(['degenerate', 'degenerate']);
      const predicted = await rows(t);
      expect(predicted).toHaveLength(2);
      for (const row of predicted) {
        expect(row.status).toBe('degenerate');
        expect(row.reason).toMatch(/degenerate/);
        expect(Number.isFinite(row.predicted_clv)).toBe(true);
      }
      // The fallback spend: A's repeat mean (12 + 11 + 13 + 10 + 9 + 12 + 14)/7 = 11.571… and
      // B's (22 + 25 + 21 + 20 + 23 + 26 + 20 + 22)/8 = 22.375; median of the two means is the
      // lower, 11.571…; A: (7 · 11.571 + 11.571)/8 = 11.571, B: (8 · 22.375 + 11.571)/9.
      expect(predicted[0]?.expected_spend).toBeCloseTo(81 / 7, 10);
      expect(predicted[1]?.expected_spend).toBeCloseTo((179 + 81 / 7) / 9, 10);
    } finally {
      await t.cleanup();
    }
  });

  it('every order at 9.99: Gamma-Gamma gives way to the fallback, which is 9.99 for everyone', async () => {
    const random = new Random(99);
    const purchases: [string, string, number][] = [];
    // One order a month on distinct months (orders on one day would be one purchase of 19.98).
    for (let c = 0; c < 40; c++) {
      const first = random.int(1, 8);
      for (let month = first; month < first + random.int(1, 5); month++) {
        purchases.push([`c${c}`, `2024-${String(month).padStart(2, '0')}-15`, 9.99]);
      }
    }
    const t = await shop(purchases);
    try {
      const [spend] = await t.query<{ status: string; reason: string }>(
        `SELECT status, reason FROM model_fit WHERE role = 'spend'`,
      );
      expect(spend?.status).toBe('degenerate');
      expect(spend?.reason).toContain('shrunk toward the median, 9.99');
      for (const row of await rows(t)) {
        if (row.p_alive === null) continue;
        expect(row.expected_spend).toBeCloseTo(9.99, 10);
      }
    } finally {
      await t.cleanup();
    }
  });

  it('six orders of 1e12 among normal ones: degenerate, and normal customers keep normal spend', () => {
    // 60 repeat buyers with mean spends 5..15, six of whom have one order of 1e12 in it.
    const random = new Random(12);
    const frequency: number[] = [];
    const monetary: number[] = [];
    for (let c = 0; c < 60; c++) {
      const x = random.int(1, 5);
      const normal = random.uniform(5, 15);
      frequency.push(x);
      monetary.push(c < 6 ? (normal * (x - 1) + 1e12) / x : normal);
    }
    const fit = fitGammaGamma({
      frequency: Float64Array.from(frequency),
      monetary: Float64Array.from(monetary),
      weight: new Float64Array(60).fill(1),
    });
    expect(fit.status).toBe('degenerate');
    // The fallback: the median of the 60 means is a normal one, so a normal customer's
    // estimate stays between their own mean and it, inside 5..15; an outlier's own data
    // still speak for them.
    const spend = {
      frequency: Float64Array.from(frequency),
      monetary: Float64Array.from(monetary),
      weight: new Float64Array(60).fill(1),
    };
    const median = medianSpend(spend);
    expect(median).toBeGreaterThan(5);
    expect(median).toBeLessThan(15);
    for (let c = 6; c < 60; c++) {
      const estimate = shrunkSpend(median, frequency[c] ?? 0, monetary[c] ?? 0);
      expect(estimate).toBeGreaterThan(5);
      expect(estimate).toBeLessThan(15);
    }
  });

  it('BG/NBD on a 50-customer CDNOW subset: a and b run off, found degenerate, forecasts finite', () => {
    // A seeded subset on which the optimizer stops with a ≈ 2.4e5 and b ≈ 2.8e6 "converged".
    const all = cdnowSummaryRows();
    const random = new Random(14);
    const subset = all
      .map((row) => [random.next(), row] as const)
      .sort((p, q) => p[0] - q[0])
      .slice(0, 50)
      .map(([, row]) => row);
    const fit = bgNbd.fit(purchaseSummary(subset));
    expect(fit.parameters['a']).toBeGreaterThan(1e4);
    expect(fit.status).toBe('degenerate');
    const parameters = fit.parameterNames.map((name) => fit.parameters[name] ?? NaN);
    for (const row of subset) {
      const alive = bgNbd.probabilityAlive(parameters, row.frequency, row.recency, row.age);
      const later = bgNbd.expectedPurchasesIfAlive(parameters, row.frequency, row.age, 52.18);
      expect(Number.isFinite(alive * later)).toBe(true);
    }
    // The reference library's value at such parameters (lifetimes 0.11.3).
    expect(bgNbd.expectedPurchasesIfAlive([0.3, 6, 1000, 30000], 0, 39, 52.18)).toBeCloseTo(
      0.3396444,
      6,
    );
  });

  it('a holdout check on a degenerate shop reports, never crashes on missing forecasts', async () => {
    const random = new Random(5);
    const purchases: [string, string, number][] = [];
    for (let c = 0; c < 30; c++) {
      for (let n = random.int(1, 6); n > 0; n--) {
        const month = String(random.int(1, 12)).padStart(2, '0');
        purchases.push([
          `c${c}`,
          `2024-${month}-${String(random.int(1, 28)).padStart(2, '0')}`,
          20,
        ]);
      }
    }
    const t = await shop(purchases, 'bgnbd');
    try {
      const report = await predictReport(t.warehouse, t.project.config, {
        holdoutFrom: '2024-10-01',
      });
      expect(report.holdout?.total.customers).toBeGreaterThan(0);
      expect(report.holdout?.value.spend.status).toBe('degenerate');
      const share = report.holdout?.value.coverage?.share ?? NaN;
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    } finally {
      await t.cleanup();
    }
  });
});
