import { describe, expect, it } from 'vitest';
import { kpiReport } from '../../test-support/kpi-report';
import { clvFormula } from './clv-formula';

const kpis = kpiReport({
  arpu: { value: 16.1234 },
  churn: { value: 0.0355 },
  clvRolling: { value: 16.1234 / 0.0355 },
  clvSimple: { value: 375.1649 },
});

const context = { currency: 'EUR', locale: 'en-US' };

describe('CLV formulas', () => {
  it('fills in the rolling formula with the period’s ARPU and churn', () => {
    expect(clvFormula('clvRolling', kpis, context)).toBe(
      'Rolling CLV = mean monthly ARPU / mean monthly churn = €16.12 / 3.6% = €454.18 (12 months ending with the last full month)',
    );
  });

  it('names the simple formula’s churn and shows a missing CLV as a dash', () => {
    expect(clvFormula('clvSimple', kpis, context)).toBe(
      'Simple CLV = APV × orders per buyer (last 365 days) / (12 × mean monthly churn 3.6%) = €375.16',
    );
    expect(clvFormula('clvHistoric', kpis, context)).toMatch(/ = —$/);
  });
});
