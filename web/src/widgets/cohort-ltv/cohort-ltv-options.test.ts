import { describe, expect, it } from 'vitest';
import { COHORTS } from '../cohort-heatmap/cohort-fixture';
import { cohortLtvOptions, lineLook } from './cohort-ltv-options';
import { pickCohorts } from './pick-cohorts';

const context = { currency: 'EUR', locale: 'en-US' };

describe('cohortLtvOptions', () => {
  const { option, table } = cohortLtvOptions(COHORTS, ['2026-07', '2026-09'], context);
  const series = option.series as { name: string; data: number[] }[];

  it('draws one line per chosen cohort with its cumulative revenue per customer', () => {
    expect(series.map((s) => s.name)).toEqual(['Jul 2026', 'Sep 2026']);
    expect(series[0]?.data).toEqual([50, 70, 80]);
    expect(series[1]?.data).toEqual([20]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['0', '1', '2']);
  });

  it('ends the month axis with the longest line drawn', () => {
    const latest = cohortLtvOptions(COHORTS, ['2026-08', '2026-09'], context).option;
    expect((latest.xAxis as { data: string[] }).data).toEqual(['0', '1']);
  });

  it('formats the tooltip in the base currency', () => {
    const format = (option.tooltip as { valueFormatter: (v: unknown) => string }).valueFormatter;
    expect(format(70)).toBe('€70.00');
  });

  it('tables every cohort, chosen or not, with null for months not reached', () => {
    expect(table.rows.map((r) => r.cohort)).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(table.rows[1]).toEqual({ cohort: '2026-08', customers: 4, m0: 30, m1: 45, m2: null });
    expect(table.columns[2]?.format).toBe('money');
  });
});

describe('lineLook', () => {
  it('dashes the lines once the colours run out', () => {
    expect(lineLook(0)).toEqual({ color: '#0072B2', type: 'solid' });
    expect(lineLook(7)).toEqual({ color: '#0072B2', type: 'dashed' });
    expect(lineLook(6).color).toBe('#000000');
  });
});

describe('pickCohorts', () => {
  const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'];
  const report = {
    asOf: '2026-08-01',
    cohorts: months.map((cohort) => ({
      cohort,
      customers: 1,
      retention: [1],
      cumulativeRevenuePerCustomer: [1],
    })),
  };

  it('takes every third cohort counting back from the latest', () => {
    expect(pickCohorts(report, 'every3')).toEqual(['2026-01', '2026-04', '2026-07']);
    expect(pickCohorts(COHORTS, 'every3')).toEqual(['2026-09']);
  });

  it('takes the latest twelve, or all', () => {
    expect(pickCohorts(COHORTS, 'latest12')).toEqual(['2026-07', '2026-08', '2026-09']);
    const twice = { ...report, cohorts: [...report.cohorts, ...report.cohorts] };
    expect(pickCohorts(twice, 'latest12')).toEqual([...months.slice(2), ...months]);
    expect(pickCohorts(report, 'all')).toEqual(months);
  });
});
