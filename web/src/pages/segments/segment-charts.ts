import type { KpiKey } from '../../api/types';

export interface SegmentChart {
  id: string;
  kpi: KpiKey;
  title: string;
  subtitle: string;
}

/** Retention per group: with CLV, what a segment dashboard is read for. */
export const RETENTION_CHART: SegmentChart = {
  id: 'segment-retention',
  kpi: 'retentionRate',
  title: 'Retention rate per group',
  subtitle: "Of the previous period's buyers, the share that bought again in this one.",
};

/** The per-group charts below the KPI table. */
export const MORE_CHARTS: SegmentChart[] = [
  {
    id: 'segment-churn',
    kpi: 'churn',
    title: 'Monthly churn per group',
    subtitle: "Mean monthly churn over the period's last 12 full months.",
  },
  {
    id: 'segment-repeat',
    kpi: 'repeatRate',
    title: 'Repeat rate per group',
    subtitle: 'Of the customers who have bought, the share who bought twice or more.',
  },
];

/** The segmentation to show: the one in the address if the server knows it, else email. */
export function chosenSegmentation(wanted: string | undefined, known: readonly string[]): string {
  if (wanted && known.includes(wanted)) return wanted;
  return known.includes('email') ? 'email' : (known[0] ?? 'email');
}
