import { KPI_KEYS, type KpiReport } from '../../api/types';
import type { Column, TableData } from '../../format/csv';
import type { KpiLookup } from '../../api/kpi-catalog';
import { reasonText } from '../../api/absent-reasons';

/**
 * Every KPI of a report as a table: its value, the comparison value and the change (rates also
 * in percentage points), why a value is missing, and whether it rests on too little history,
 * the way a summary is pasted into a spreadsheet. Missing values stay empty, never zero. Each
 * row also carries its KPI's number format (`format`) for the screen.
 */
export function kpiTable(kpis: KpiReport, comparisonLabel: string, catalog: KpiLookup): TableData {
  return {
    columns: [
      { key: 'kpi', label: 'KPI', format: 'text' },
      { key: 'key', label: 'Key', format: 'text' },
      { key: 'value', label: 'This period', format: 'decimal' },
      { key: 'previous', label: comparisonLabel, format: 'decimal' },
      { key: 'change', label: 'Change', format: 'percent' },
      { key: 'changePoints', label: 'Change (pp)', format: 'decimal' },
      { key: 'reason', label: 'Why this period reads so', format: 'text' },
      {
        key: 'previousReason',
        label: `Why ${comparisonLabel.toLowerCase()} reads so`,
        format: 'text',
      },
      { key: 'shortHistory', label: 'Too little history', format: 'text' },
    ],
    rows: KPI_KEYS.map((key) => {
      const kpi = kpis[key];
      const short = [
        kpi.insufficientHistory.value ? 'this period' : null,
        kpi.insufficientHistory.previous ? comparisonLabel.toLowerCase() : null,
      ].filter((side) => side !== null);
      return {
        kpi: catalog[key].label,
        key,
        format: catalog[key].format,
        value: kpi.value,
        previous: kpi.previous,
        change: kpi.change,
        changePoints: kpi.changePoints ?? null,
        reason: reasonText(kpi.reason),
        previousReason: reasonText(kpi.previousReason),
        shortHistory: short.length > 0 ? short.join(', ') : null,
        // For the screen only (not columns, so not in the CSV).
        valueShort: kpi.insufficientHistory.value ? 1 : 0,
        previousShort: kpi.insufficientHistory.previous ? 1 : 0,
      };
    }),
  };
}

/** What the screen shows of the table; the key, points and reasons go to the CSV only. */
const ON_SCREEN = ['kpi', 'value', 'previous', 'change'];

/** The columns of the KPI table on screen. */
export function screenColumns(table: TableData): Column[] {
  return table.columns.filter((column) => ON_SCREEN.includes(column.key));
}
