import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  monthsBetween,
  shiftMonth,
  yearEarlier,
} from '../../src/metrics/dates.js';
import { comparisonPeriod, parseDate, previousPeriod } from '../../src/metrics/period.js';

describe('periods', () => {
  it('goes back the same number of calendar months when both ends are first days', () => {
    expect(previousPeriod({ from: '2024-01-01', to: '2025-01-01' })).toEqual({
      from: '2023-01-01',
      to: '2024-01-01',
    });
    // Two months, across a year end.
    expect(previousPeriod({ from: '2024-01-01', to: '2024-03-01' })).toEqual({
      from: '2023-11-01',
      to: '2024-01-01',
    });
  });

  it('goes back the same number of days otherwise', () => {
    // March 1 to March 31 2024 is 30 days; 30 days before March 1 (leap year) is January 31.
    expect(previousPeriod({ from: '2024-03-01', to: '2024-03-31' })).toEqual({
      from: '2024-01-31',
      to: '2024-03-01',
    });
  });

  it('compares with the same dates a year earlier, February 29 falling on the 28th', () => {
    expect(comparisonPeriod({ from: '2024-11-02', to: '2024-12-02' }, 'year')).toEqual({
      from: '2023-11-02',
      to: '2023-12-02',
    });
    expect(comparisonPeriod({ from: '2024-02-29', to: '2024-03-01' }, 'year')).toEqual({
      from: '2023-02-28',
      to: '2023-03-01',
    });
    expect(comparisonPeriod({ from: '2024-11-02', to: '2024-12-02' })).toEqual({
      from: '2024-10-03',
      to: '2024-11-02',
    });
    expect(yearEarlier('2025-01-01')).toBe('2024-01-01');
  });

  it('accepts real calendar dates only', () => {
    expect(parseDate('2024-02-29', 'to')).toBe('2024-02-29');
    expect(() => parseDate('2023-02-29', 'to')).toThrow(
      '`to` must be a date YYYY-MM-DD, not "2023-02-29"',
    );
    expect(() => parseDate('2024-1-05', 'from')).toThrow('`from` must be a date YYYY-MM-DD');
  });

  it('does calendar arithmetic on local dates', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-01-01', -365)).toBe('2024-01-02');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(shiftMonth('2024-01-31', 1)).toBe('2024-02-01');
    expect(shiftMonth('2024-01-15', -12)).toBe('2023-01-01');
    expect(monthsBetween('2023-11-01', '2024-02-01')).toBe(3);
  });
});
