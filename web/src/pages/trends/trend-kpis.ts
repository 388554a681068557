import type { KpiKey, KpiReport, MetricsReport } from '../../api/types';

/** The KPIs the trends page charts month by month, with what one month's value means. */
export const TREND_KPIS: { key: KpiKey; title: string; monthly: string }[] = [
  { key: 'revenue', title: 'Revenue', monthly: 'Amounts of the successful orders of each month.' },
  { key: 'orders', title: 'Orders', monthly: 'Successful orders of each month.' },
  { key: 'apv', title: 'Purchase value (APV)', monthly: 'Revenue / orders of each month.' },
  {
    key: 'buyers',
    title: 'Buyers',
    monthly: 'Distinct customers who bought in the month.',
  },
  {
    key: 'retentionRate',
    title: 'Retention rate',
    monthly: "The share of the month before's buyers who bought again.",
  },
  {
    key: 'churn',
    title: 'Churn',
    monthly: 'Mean monthly churn of the 12 months up to each month.',
  },
  {
    key: 'clvRolling',
    title: 'CLV (rolling)',
    monthly: 'Mean ARPU / mean churn of the 12 months up to each month.',
  },
];

/** The KPIs of the whole base, or of the segment group chosen in the filter bar (null: none). */
export function groupKpis(report: MetricsReport, group: string | undefined): KpiReport | null {
  if (!group) return report.kpis;
  return report.segments?.find((s) => s.segment === group)?.kpis ?? null;
}
