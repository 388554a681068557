import { describe, expect, it } from 'vitest';
import type { ModelSelection } from '../../api/types';
import { CURRENT, PALETTE } from '../../charts/palette';
import { toCsv } from '../../format/csv';
import { candidateGroupsView } from './candidate-groups-options';
import { candidatesTable, selectionPeriod } from './model-selection-table';

const group = (frequency: string, customers: number, predicted: number, actual: number) => ({
  frequency,
  customers,
  predicted,
  actual,
});
const selection: ModelSelection = {
  method: 'holdout',
  holdoutFrom: '2026-01-31',
  calibrationEnd: '2026-01-30',
  holdoutEnd: '2026-10-31',
  holdoutDays: 274,
  chosen: 'mbgnbd',
  because: 'MBG/NBD predicted the holdout best',
  candidates: [
    {
      model: 'bgnbd',
      status: 'ok',
      reason: null,
      predictedTotal: 120,
      actualTotal: 100,
      totalError: 0.2,
      meanAbsoluteError: 1.08598,
      groups: [group('0', 50, 0.66, 0.53), group('1', 20, 1.0, 0.88)],
    },
    {
      model: 'mbgnbd',
      status: 'degenerate',
      reason: 'MBG/NBD is degenerate (b ran to the edge)',
      predictedTotal: 95,
      actualTotal: 100,
      totalError: 0.05,
      meanAbsoluteError: 1.07761,
      // Listed in another order: matched by group, not by position.
      groups: [group('1', 20, 0.9, 0.88), group('0', 50, 0.5, 0.53)],
    },
    {
      model: 'paretonbd',
      status: 'failed',
      reason: 'Pareto/NBD could not be fitted (one customer)',
      predictedTotal: null,
      actualTotal: 100,
      totalError: null,
      meanAbsoluteError: null,
      groups: [],
    },
  ],
};
const context = { currency: 'EUR', locale: 'en-US' };

describe('auto’s candidates as a table', () => {
  it('gives each candidate’s status, scores and reason, with the chosen one marked', () => {
    const table = candidatesTable(selection);
    expect(table.rows).toEqual([
      {
        model: 'BG/NBD',
        chosen: 'no',
        status: 'ok',
        meanAbsoluteError: 1.08598,
        predictedTotal: 120,
        actualTotal: 100,
        totalError: 0.2,
        reason: null,
      },
      {
        model: 'MBG/NBD',
        chosen: 'yes',
        status: 'degenerate',
        meanAbsoluteError: 1.07761,
        predictedTotal: 95,
        actualTotal: 100,
        totalError: 0.05,
        reason: 'MBG/NBD is degenerate (b ran to the edge)',
      },
      {
        model: 'Pareto/NBD',
        chosen: 'no',
        status: 'failed',
        meanAbsoluteError: null,
        predictedTotal: null,
        actualTotal: 100,
        totalError: null,
        reason: 'Pareto/NBD could not be fitted (one customer)',
      },
    ]);
    expect(toCsv(table).split('\r\n')[0]).toBe(
      'Model,Chosen,Status,Mean absolute error per customer,Predicted repeat purchases,' +
        'Actual repeat purchases,Error of the total,Why not ok',
    );
    expect(toCsv(table).split('\r\n')[3]).toBe(
      'Pareto/NBD,no,failed,,,100,,Pareto/NBD could not be fitted (one customer)',
    );
  });

  it('states the periods of a holdout comparison, and nothing for a fallback', () => {
    expect(selectionPeriod(selection, context)).toBe(
      'Each candidate fitted on orders to Jan 30, 2026 and scored on Jan 31, 2026 – ' +
        'Oct 31, 2026; the lowest mean absolute error per customer wins.',
    );
    expect(selectionPeriod({ ...selection, method: 'fallback' }, context)).toBeNull();
  });
});

describe('auto’s candidates per frequency group', () => {
  it('draws the actual purchases beside each fitted candidate, matched by group', () => {
    const { option, table } = candidateGroupsView(selection, context);
    expect(option.xAxis).toMatchObject({ data: ['0', '1'] });
    const series = option.series as { name: string; data: number[]; itemStyle: object }[];
    expect(series.map((s) => s.name)).toEqual(['Actual', 'BG/NBD', 'MBG/NBD']);
    expect(series.map((s) => s.data)).toEqual([
      [0.53, 0.88],
      [0.66, 1.0],
      [0.5, 0.9],
    ]);
    expect(series.map((s) => s.itemStyle)).toEqual([
      { color: CURRENT },
      { color: PALETTE[1] },
      { color: PALETTE[2] },
    ]);
    expect(table.columns.map((c) => c.label)).toEqual([
      'Repeat purchases in calibration',
      'Customers',
      'Actual mean purchases',
      'BG/NBD predicted',
      'MBG/NBD predicted',
    ]);
    expect(table.rows[0]).toEqual({
      frequency: '0',
      customers: 50,
      actual: 0.53,
      'predicted.bgnbd': 0.66,
      'predicted.mbgnbd': 0.5,
    });
  });

  it('has nothing to draw when every candidate failed', () => {
    const failed = { ...selection, candidates: selection.candidates.slice(2) };
    const { table } = candidateGroupsView(failed, context);
    expect(table.rows).toEqual([]);
  });
});
