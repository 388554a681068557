import type { KpiKey, KpiReport, MetricsReport } from '../../api/types';

/** The KPIs the trends page charts month by month, with what one month's value means (their labels come from the KPI catalogue). */
export const TREND_KPIS: { key: KpiKey; monthly: string }[] = [
  { key: 'revenue', monthly: 'Amounts of the successful orders of each month.' },
  { key: 'orders', monthly: 'Successful orders of each month.' },
  { key: 'apv', monthly: 'Revenue / orders of each month.' },
  {
    key: 'buyers',
    monthly: 'Distinct customers who bought in the month.',
  },
  {
    key: 'retentionRate',
    monthly: "The share of the month before's buyers who bought again.",
  },
  {
    key: 'churn',
    monthly: 'Mean monthly churn of the 12 months up to each month.',
  },
  {
    key: 'clvRolling',
    monthly: 'Mean ARPU / mean churn of the 12 months up to each month.',
  },
];

/** The KPIs of the whole base, or of the segment group chosen in the filter bar (null: none). */
export function groupKpis(report: MetricsReport, group: string | undefined): KpiReport | null {
  if (!group) return report.kpis;
  return report.segments?.find((s) => s.segment === group)?.kpis ?? null;
}
