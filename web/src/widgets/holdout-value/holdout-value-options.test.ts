import { describe, expect, it } from 'vitest';
import type { HoldoutValueCheck } from '../../api/types';
import { COMPARISON, CURRENT } from '../../charts/palette';
import { toCsv } from '../../format/csv';
import { coverageSentence, holdoutValueSubtitle, holdoutValueView } from './holdout-value-options';

const value: HoldoutValueCheck = {
  spend: { role: 'spend', model: 'gammagamma', status: 'ok', reason: null },
  coverage: { customers: 13382, inside: 12814, share: 12814 / 13382 },
  deciles: [
    { decile: 1, customers: 1339, predicted: 213.627, actual: 200.789 },
    { decile: 2, customers: 1339, predicted: 81.774, actual: 81.227 },
    { decile: 3, customers: 1338, predicted: 2.578, actual: 1.855 },
  ],
};
const context = { currency: 'EUR', locale: 'en-US' };
const withShare = (share: number): HoldoutValueCheck => ({
  ...value,
  coverage: { customers: 200, inside: Math.round(share * 200), share },
});

describe('holdout value per decile', () => {
  it('draws predicted and actual value per decile of predicted value', () => {
    const { option } = holdoutValueView(value, context);
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['1', '2', '3'] });
    const series = option.series as { name: string; data: number[]; itemStyle: object }[];
    expect(series.map((s) => s.name)).toEqual(['Predicted', 'Actual']);
    expect(series[0]?.data).toEqual([213.627, 81.774, 2.578]);
    expect(series[1]?.data).toEqual([200.789, 81.227, 1.855]);
    expect(series.map((s) => s.itemStyle)).toEqual([{ color: COMPARISON }, { color: CURRENT }]);
  });

  it('gives the deciles as a table with raw values', () => {
    const { table } = holdoutValueView(value, context);
    expect(toCsv(table).split('\r\n').slice(0, 2)).toEqual([
      'Decile of predicted value,Customers,Predicted value per customer,Actual spend per customer',
      '1,1339,213.627,200.789',
    ]);
  });
});

describe('the predictive interval’s coverage', () => {
  it('says how many customers spent inside their interval and what that means', () => {
    // 12,814 / 13,382 = 0.95755 → 95.8 %: above 95 %.
    expect(coverageSentence(value, context)).toBe(
      '95.8% of customers (12,814 of 13,382) spent within their 90 % predictive interval in the ' +
        'holdout: more than the 85–95 % of a well-calibrated 90 % interval, so the intervals are ' +
        'wider than they need be.',
    );
    expect(coverageSentence(withShare(0.9), context)).toBe(
      '90.0% of customers (180 of 200) spent within their 90 % predictive interval in the ' +
        'holdout: within the 85–95 % of a well-calibrated 90 % interval.',
    );
    expect(coverageSentence(withShare(0.8), context)).toMatch(
      /^80\.0% .*: less than the 85–95 % of a well-calibrated 90 % interval, so the intervals are too narrow for this shop\.$/,
    );
    // The edges count as calibrated.
    expect(coverageSentence(withShare(0.85), context)).toContain('within the 85–95 %');
    expect(coverageSentence(withShare(0.95), context)).toContain('within the 85–95 %');
  });

  it('says why there is no interval', () => {
    const failed: HoldoutValueCheck = {
      spend: {
        role: 'spend',
        model: 'gammagamma',
        status: 'failed',
        reason: 'Gamma-Gamma could not be fitted (no repeat buyers): no expected spend or CLV',
      },
      coverage: null,
      deciles: [],
    };
    expect(coverageSentence(failed, context)).toBe(
      'No predictive interval: Gamma-Gamma could not be fitted (no repeat buyers): no expected spend or CLV.',
    );
    expect(coverageSentence({ ...value, coverage: null }, context)).toBe(
      'No predictive interval for this holdout.',
    );
  });

  it('adds what stands in for a degenerate spend model', () => {
    const degenerate: HoldoutValueCheck = {
      ...withShare(1),
      spend: {
        role: 'spend',
        model: 'gammagamma',
        status: 'degenerate',
        reason: 'Gamma-Gamma is degenerate (q ran to 1): expected spend is the shrunk mean',
      },
    };
    expect(holdoutValueSubtitle(degenerate, context)).toMatch(
      /wider than they need be\. Gamma-Gamma is degenerate \(q ran to 1\): expected spend is the shrunk mean\.$/,
    );
    expect(holdoutValueSubtitle(value, context)).toBe(coverageSentence(value, context));
  });
});
