import { KPI_KEYS, type KpiReport } from '../../api/types';
import type { TableData } from '../../format/csv';
import type { KpiLookup } from '../../api/kpi-catalog';

/**
 * Every KPI of a report as a table: its value, the comparison value and the change, the way a
 * summary is pasted into a spreadsheet. Missing values stay empty, never zero.
 */
export function kpiTable(kpis: KpiReport, comparisonLabel: string, catalog: KpiLookup): TableData {
  return {
    columns: [
      { key: 'kpi', label: 'KPI', format: 'text' },
      { key: 'key', label: 'Key', format: 'text' },
      { key: 'value', label: 'This period', format: 'decimal' },
      { key: 'previous', label: comparisonLabel, format: 'decimal' },
      { key: 'change', label: 'Change', format: 'percent' },
    ],
    rows: KPI_KEYS.map((key) => ({
      kpi: catalog[key].label,
      key,
      value: kpis[key].value,
      previous: kpis[key].previous,
      change: kpis[key].change,
    })),
  };
}
