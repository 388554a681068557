import { describe, expect, it } from 'vitest';
import { COHORTS } from './cohort-fixture';
import { colourMax, cohortHeatmapOptions, retentionCells } from './cohort-heatmap-options';

const context = { currency: 'EUR', locale: 'en-US' };

describe('retentionCells', () => {
  it('gives [offset, cohort, retention] for the months each cohort has', () => {
    expect(retentionCells(COHORTS)).toEqual([
      [0, 0, 1],
      [1, 0, 0.5],
      [2, 0, 0.2],
      [0, 1, 1],
      [1, 1, 0.25],
      [0, 2, 1],
    ]);
  });
});

describe('colourMax', () => {
  it('tops the scale at the highest retention after month 0', () => {
    expect(colourMax(COHORTS)).toBe(0.5);
  });

  it('falls back to 100 % when no cohort has a later month', () => {
    expect(colourMax({ asOf: '2026-10-01', cohorts: COHORTS.cohorts.slice(2) })).toBe(1);
  });
});

describe('cohortHeatmapOptions', () => {
  const { option, table } = cohortHeatmapOptions(COHORTS, context);

  it('labels rows with the cohort and its size, columns with the month offset', () => {
    expect((option.yAxis as { data: string[] }).data).toEqual([
      'Jul 2026 (10)',
      'Aug 2026 (4)',
      'Sep 2026 (5)',
    ]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['0', '1', '2']);
  });

  it('shows a cell as a percentage in the tooltip', () => {
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ data: [1, 1, 0.25] })).toBe(
      'Aug 2026 (4)<br>Month 1: <strong>25.0%</strong> bought',
    );
  });

  it('tables every cohort with null for months not reached yet', () => {
    expect(table.columns.map((c) => c.label)).toEqual([
      'Cohort',
      'Customers',
      'Month 0',
      'Month 1',
      'Month 2',
    ]);
    expect(table.rows[1]).toEqual({ cohort: '2026-08', customers: 4, m0: 1, m1: 0.25, m2: null });
    expect(table.columns[3]?.format).toBe('percent');
  });
});
