import type { KpiKey, MetricsReport } from '../../api/types';
import type { Cell, TableData } from '../../format/csv';
import type { ValueFormat } from '../../format/format';
import type { KpiLookup } from '../../api/kpi-catalog';

export type SegmentKpiKey = KpiKey | 'customers';

/** The rows of the comparison, in the order a reader compares groups. */
export const SEGMENT_KPI_ROWS: SegmentKpiKey[] = [
  'customers',
  'revenue',
  'buyers',
  'apv',
  'purchaseFrequency',
  'retentionRate',
  'churn',
  'clvHistoric',
  'clvRolling',
  'clvPredicted',
  'repeatRate',
];

export const ALL_CUSTOMERS = 'All customers';

// Sizes grow with the group, so a "best" group only means something for rates and averages.
const SIZES = new Set<SegmentKpiKey>(['customers', 'revenue', 'buyers']);

export interface KpiLine {
  key: SegmentKpiKey;
  label: string;
  format: ValueFormat;
  /** One value per group, then all customers. */
  values: (number | null)[];
  /** The index of the best group (never all customers), or null when there is nothing to rank. */
  best: number | null;
}

export interface SegmentKpiMatrix {
  /** The groups, then all customers. */
  groups: string[];
  lines: KpiLine[];
  /** The same, as the CSV: a row per KPI, a column per group. */
  table: TableData;
}

function bestOf(values: (number | null)[], good: KpiLookup[KpiKey]['good']): number | null {
  if (good === 'neither') return null;
  const present = values.flatMap((v, i) => (v === null ? [] : [{ v, i }]));
  if (present.length < 2 || present.every((p) => p.v === present[0]?.v)) return null;
  const better = (a: number, b: number) => (good === 'up' ? a > b : a < b);
  return present.reduce((best, p) => (better(p.v, best.v) ? p : best)).i;
}

/** The KPIs of each group side by side, all customers last, with the best group of each KPI. */
export function segmentKpiMatrix(report: MetricsReport, catalog: KpiLookup): SegmentKpiMatrix {
  const segments = report.segments ?? [];
  const groups = [...segments.map((s) => s.segment), ALL_CUSTOMERS];
  const total = segments.reduce((sum, s) => sum + s.customers, 0);
  const lines = SEGMENT_KPI_ROWS.map((key): KpiLine => {
    if (key === 'customers') {
      const values = [...segments.map((s) => s.customers), total];
      return { key, label: 'Customers', format: 'count', values, best: null };
    }
    const meta = catalog[key];
    const own = segments.map((s) => s.kpis[key].value);
    const best = SIZES.has(key) ? null : bestOf(own, meta.good);
    return {
      key,
      label: meta.label,
      format: meta.format,
      values: [...own, report.kpis[key].value],
      best,
    };
  });
  // The CSV needs no number format; group columns say 'decimal' only to satisfy the type.
  const table: TableData = {
    columns: [
      { key: 'kpi', label: 'KPI', format: 'text' },
      ...groups.map((label, i) => ({ key: `g${i}`, label, format: 'decimal' as const })),
    ],
    rows: lines.map((line) => {
      const row: Record<string, Cell> = { kpi: line.label };
      line.values.forEach((value, i) => (row[`g${i}`] = value));
      return row;
    }),
  };
  return { groups, lines, table };
}
