import type { DecilesReport } from '../../api/types';
import type { TableData } from '../../format/csv';

/** What the deciles rank by, as the column label of their summed value. */
export function decileValueLabel(by: DecilesReport['by']): string {
  return by === 'predicted' ? 'Predicted CLV' : 'Revenue';
}

/** The same inside a sentence ("share of predicted CLV"). */
export function decileValueNoun(by: DecilesReport['by']): string {
  return by === 'predicted' ? 'predicted CLV' : 'revenue';
}

/** The deciles report as a table: one row per decile, raw values as the API gives them. */
export function decileTable(report: DecilesReport): TableData {
  const value = decileValueLabel(report.by);
  return {
    columns: [
      { key: 'decile', label: 'Decile', format: 'count' },
      { key: 'customers', label: 'Customers', format: 'count' },
      { key: 'revenue', label: value, format: 'money' },
      { key: 'share', label: 'Share', format: 'percent' },
      { key: 'mean', label: 'Mean', format: 'money' },
      { key: 'min', label: 'Min', format: 'money' },
      { key: 'max', label: 'Max', format: 'money' },
    ],
    rows: report.deciles.map((d) => ({
      decile: d.decile,
      customers: d.customers,
      revenue: d.revenue,
      share: d.share,
      mean: d.mean,
      min: d.min,
      max: d.max,
    })),
  };
}
