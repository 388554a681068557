import { describe, expect, it } from 'vitest';
import type { HoldoutReport } from '../../api/types';
import { COMPARISON, CURRENT } from '../../charts/palette';
import { holdoutCalibrationView, holdoutSummary } from './holdout-calibration-options';

const report: HoldoutReport = {
  model: 'bgnbd',
  timeUnit: 'week',
  holdoutFrom: '2026-05-01',
  calibrationEnd: '2026-04-30',
  holdoutEnd: '2026-10-31',
  holdoutLength: 26.3,
  groups: [
    { frequency: '0', customers: 100, predicted: 0.41, actual: 0.37 },
    { frequency: '1', customers: 40, predicted: 0.62, actual: 0.61 },
    { frequency: '7+', customers: 5, predicted: 2.39, actual: 2.33 },
  ],
  total: { customers: 145, predicted: 77.3, actual: 74 },
  correlation: 0.5978,
  meanAbsoluteError: 0.759324939,
};
const context = { currency: 'EUR', locale: 'en-US' };

describe('holdout calibration chart', () => {
  it('draws predicted and actual mean purchases per frequency group', () => {
    const { option } = holdoutCalibrationView(report, context);
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['0', '1', '7+'] });
    const series = option.series as { name: string; data: number[]; itemStyle: object }[];
    expect(series.map((s) => s.name)).toEqual(['Predicted', 'Actual']);
    expect(series[0]?.data).toEqual([0.41, 0.62, 2.39]);
    expect(series[1]?.data).toEqual([0.37, 0.61, 2.33]);
    expect(series[0]?.itemStyle).toEqual({ color: COMPARISON });
    expect(series[1]?.itemStyle).toEqual({ color: CURRENT });
  });

  it('gives the groups as a table with raw values', () => {
    const { table } = holdoutCalibrationView(report, context);
    expect(table.columns.map((c) => c.key)).toEqual([
      'frequency',
      'customers',
      'predicted',
      'actual',
    ]);
    expect(table.rows[2]).toEqual({ frequency: '7+', customers: 5, predicted: 2.39, actual: 2.33 });
  });

  it('sums up the model, the period, the totals, the correlation and the error', () => {
    expect(holdoutSummary(report, context)).toBe(
      'BG/NBD fitted on orders to Apr 30, 2026, checked May 1, 2026 – Oct 31, 2026. 145 customers: ' +
        '77 repeat purchases predicted, 74 actual; correlation per customer 0.60; ' +
        'mean absolute error per customer 0.7593.',
    );
    expect(holdoutSummary({ ...report, correlation: null }, context)).toContain('customer —;');
    // A report stored before the error was reported has none.
    expect(holdoutSummary({ ...report, meanAbsoluteError: undefined }, context)).toMatch(
      /customer 0\.60\.$/,
    );
  });

  it('says when the calibration fit is degenerate', () => {
    const fit = {
      model: 'mbgnbd' as const,
      parameterNames: [],
      parameters: {},
      standardErrors: {},
      covariance: null,
      logLikelihood: -10,
      iterations: 9,
      converged: true,
      observations: 6,
      status: 'degenerate' as const,
      reasons: ['a = 3.07e+6 ran to the edge of the range'],
      warnings: [],
    };
    expect(holdoutSummary({ ...report, model: 'mbgnbd', fit }, context)).toMatch(
      /^MBG\/NBD fitted .* The calibration fit is degenerate \(a = 3\.07e\+6 ran to the edge of the range\): read it as rough\.$/,
    );
  });
});
