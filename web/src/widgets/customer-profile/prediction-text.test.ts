import { describe, expect, it } from 'vitest';
import {
  horizonText,
  nextPurchaseText,
  predictionStatus,
  spendIntervalText,
  type Prediction,
} from './prediction-text';

const ok: Prediction = {
  pAlive: 0.8197,
  churnRisk: 0.1803,
  expectedPurchases: 3.4635,
  expectedSpend: 939.82,
  predictedClv: 3063.53,
  predictedClvLow: 3001.77,
  predictedClvHigh: 3126.57,
  spendLow: 0,
  spendHigh: 8907.74,
  nextPurchaseDate: '2027-01-12',
  status: 'ok',
  reason: null,
};
const failed: Prediction = {
  pAlive: null,
  churnRisk: null,
  expectedPurchases: null,
  expectedSpend: null,
  predictedClv: null,
  predictedClvLow: null,
  predictedClvHigh: null,
  spendLow: null,
  spendHigh: null,
  nextPurchaseDate: null,
  status: 'failed',
  reason:
    'MBG/NBD could not be fitted (nobody made a repeat purchase): no P(alive), purchases or CLV',
};
const context = { currency: 'EUR', locale: 'en-US' };

describe('a customer’s prediction in words', () => {
  it('gives the predictive interval of spend over the horizon', () => {
    expect(spendIntervalText(ok, 12, context)).toBe(
      'Will spend between €0.00 and €8,908 in the next 12 months',
    );
    expect(spendIntervalText(ok, undefined, context)).toBe(
      'Will spend between €0.00 and €8,908 in the horizon',
    );
    expect(spendIntervalText({ ...ok, spendHigh: null }, 12, context)).toBeNull();
    expect(spendIntervalText({ ...ok, spendHigh: 0 }, 12, context)).toBe(
      'Will spend nothing in the next 12 months',
    );
  });

  it('gives the day by which a purchase is more likely than not, or that none is expected', () => {
    expect(nextPurchaseText(ok, 12, context)).toBe('More likely than not by Jan 12, 2027');
    expect(nextPurchaseText({ ...ok, nextPurchaseDate: null }, 6, context)).toBe(
      'Not expected within the next 6 months',
    );
    // Without a purchase model nothing is known, so nothing is claimed.
    expect(nextPurchaseText(failed, 12, context)).toBeNull();
    expect(horizonText(24)).toBe('the next 24 months');
  });

  it('flags a degenerate prediction and says why a failed one is missing', () => {
    expect(predictionStatus(ok)).toBeNull();
    expect(
      predictionStatus({
        ...ok,
        status: 'degenerate',
        reason: 'Gamma-Gamma is degenerate (q at 1)',
      }),
    ).toEqual({ tone: 'flagged', title: 'Flagged', text: 'Gamma-Gamma is degenerate (q at 1).' });
    expect(predictionStatus(failed)).toEqual({
      tone: 'failed',
      title: 'No prediction',
      text: 'MBG/NBD could not be fitted (nobody made a repeat purchase): no P(alive), purchases or CLV.',
    });
  });
});
