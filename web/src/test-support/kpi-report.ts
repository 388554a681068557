import { KPI_KEYS, type Kpi, type KpiKey, type KpiReport } from '../api/types';

/** A KPI report for tests: every KPI null unless given. */
export function kpiReport(values: Partial<Record<KpiKey, Partial<Kpi>>>): KpiReport {
  const report = {} as KpiReport;
  for (const key of KPI_KEYS) {
    report[key] = { value: null, previous: null, change: null, ...values[key] };
  }
  return report;
}
