import { KPI_KEYS, type Kpi, type KpiKey, type KpiReport, type SeriesPoint } from '../api/types';

/** One KPI for tests: nothing to explain, full history, unless given. */
export function kpi(given: Partial<Kpi> = {}): Kpi {
  return {
    value: null,
    previous: null,
    change: null,
    reason: null,
    previousReason: null,
    insufficientHistory: { value: false, previous: false },
    ...given,
  };
}

/** A KPI report for tests: every KPI null unless given. */
export function kpiReport(values: Partial<Record<KpiKey, Partial<Kpi>>>): KpiReport {
  const report = {} as KpiReport;
  for (const key of KPI_KEYS) report[key] = kpi(values[key]);
  return report;
}

/** A month of a series for tests: nothing to explain, full history, unless given. */
export function point(
  given: Pick<SeriesPoint, 'month' | 'value' | 'yearEarlier'> & Partial<SeriesPoint>,
): SeriesPoint {
  return {
    reason: null,
    yearEarlierReason: null,
    insufficientHistory: { value: false, yearEarlier: false },
    ...given,
  };
}
