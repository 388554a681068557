import { describe, expect, it } from 'vitest';
import type { ModelReport } from '../../api/types';
import { toCsv } from '../../format/csv';
import { formatFact, modelFacts, modelFactsTable } from './model-facts';

const report: ModelReport = {
  model: 'bgnbd',
  timeUnit: 'week',
  horizonMonths: 12,
  monthlyDiscountRate: 0.01,
  margin: 0.3,
  dataEnd: '2026-10-31',
  purchase: {
    model: 'bgnbd',
    parameterNames: ['r', 'alpha'],
    parameters: { r: 0.4711, alpha: 7.3017 },
    standardErrors: { r: 0.0074, alpha: null },
    covariance: null,
    logLikelihood: -1577.2,
    iterations: 22,
    converged: false,
    observations: 171,
    status: 'degenerate',
    reasons: ['a = 3.07e+6 ran to the edge of the range'],
    warnings: ['few customers', 'no convergence'],
  },
  spend: null,
  stored: true,
  states: [
    {
      role: 'purchase',
      model: 'bgnbd',
      status: 'degenerate',
      reason: 'BG/NBD is degenerate (a = 3.07e+6 ran to the edge of the range): read it as rough',
    },
    {
      role: 'spend',
      model: 'gammagamma',
      status: 'failed',
      reason: 'Gamma-Gamma could not be fitted (no repeat buyers): no expected spend or CLV',
    },
  ],
  selection: null,
  predictions: {
    customers: 171,
    meanProbabilityAlive: 0.76,
    meanExpectedPurchases: null,
    meanPredictedClv: 77.19,
    totalPredictedClv: 13200.5,
  },
  holdout: null,
  retention: null,
};
const context = { currency: 'EUR', locale: 'en-US' };

describe('model facts', () => {
  const facts = modelFacts(report);
  const byKey = (key: string) => facts.find((f) => f.key === key);

  it('lists the parameters with their standard errors, nulls kept', () => {
    expect(byKey('purchase.r')).toMatchObject({
      section: 'Purchase model: BG/NBD',
      label: 'r',
      value: 0.4711,
      standardError: 0.0074,
    });
    expect(byKey('purchase.alpha')).toMatchObject({ label: 'α (alpha)', standardError: null });
  });

  it('gives the fit, the settings, the totals and each model’s status with its reason', () => {
    expect(byKey('purchase.status')?.value).toBe('degenerate');
    expect(byKey('purchase.reason')?.value).toBe(
      'BG/NBD is degenerate (a = 3.07e+6 ran to the edge of the range): read it as rough',
    );
    expect(byKey('purchase.converged')?.value).toBe('no');
    expect(byKey('purchase.warnings')?.value).toBe('few customers; no convergence');
    expect(byKey('purchase.observations')?.value).toBe(171);
    // No spend fit: its status and reason stand in for the parameters.
    expect(facts.filter((f) => f.key.startsWith('spend.'))).toEqual([
      {
        key: 'spend.status',
        section: 'Spend model: Gamma-Gamma',
        label: 'Status',
        value: 'failed',
        standardError: null,
        format: 'text',
      },
      {
        key: 'spend.reason',
        section: 'Spend model: Gamma-Gamma',
        label: 'Why',
        value: 'Gamma-Gamma could not be fitted (no repeat buyers): no expected spend or CLV',
        standardError: null,
        format: 'text',
      },
    ]);
    expect(byKey('settings.margin')?.value).toBe(0.3);
    expect(byKey('predictions.meanExpectedPurchases')?.value).toBeNull();
    expect(byKey('predictions.totalPredictedClv')).toMatchObject({
      value: 13200.5,
      format: 'money',
    });
  });

  it('names MBG/NBD and leaves out the reason of an ok fit', () => {
    const mbg = modelFacts({
      ...report,
      purchase: report.purchase && {
        ...report.purchase,
        model: 'mbgnbd',
        status: 'ok',
        reasons: [],
      },
      states: [{ role: 'purchase', model: 'mbgnbd', status: 'ok', reason: null }],
    });
    expect(mbg[0]?.section).toBe('Purchase model: MBG/NBD');
    expect(mbg.find((f) => f.key === 'purchase.status')?.value).toBe('ok');
    expect(mbg.some((f) => f.key === 'purchase.reason')).toBe(false);
  });

  it('formats parameters to four significant digits and the rest in their format', () => {
    expect(formatFact(0.4711044, 'precise', context)).toBe('0.4711');
    expect(formatFact(157736.2, 'precise', context)).toBe('157,700');
    expect(formatFact(null, 'precise', context)).toBe('—');
    expect(formatFact(13200.5, 'money', context)).toBe('€13,201');
    expect(formatFact(12, 'months', context)).toBe('12 mo');
    expect(formatFact('2026-10-31', 'day', context)).toBe('Oct 31, 2026');
    expect(formatFact(null, 'day', context)).toBe('—');
  });

  it('writes raw values to the CSV', () => {
    const table = modelFactsTable(facts);
    expect(table.rows[0]).toEqual({
      section: 'Purchase model: BG/NBD',
      key: 'purchase.r',
      label: 'r',
      value: 0.4711,
      standardError: 0.0074,
    });
    expect(toCsv(table).split('\r\n')[2]).toBe(
      'Purchase model: BG/NBD,purchase.alpha,α (alpha),7.3017,',
    );
  });
});
