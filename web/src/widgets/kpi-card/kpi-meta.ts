import type { KpiKey } from '../../api/types';
import type { ValueFormat } from '../../format/format';

export interface KpiMeta {
  label: string;
  format: ValueFormat;
  /** Whether a rise is good news (revenue) or bad news (churn). */
  goodWhen: 'up' | 'down';
  /** The glossary's definition, shown on hover. */
  definition: string;
}

/** Every KPI the API reports, with the glossary's words (see docs/metrics.md). */
export const KPI_META: Record<KpiKey, KpiMeta> = {
  revenue: {
    label: 'Revenue',
    format: 'money',
    goodWhen: 'up',
    definition: 'Sum of the amounts of successful orders in the period.',
  },
  orders: {
    label: 'Orders',
    format: 'count',
    goodWhen: 'up',
    definition: 'Successful orders in the period.',
  },
  buyers: {
    label: 'Buyers',
    format: 'count',
    goodWhen: 'up',
    definition: 'Distinct customers with a successful order in the period.',
  },
  apv: {
    label: 'Average purchase value',
    format: 'money',
    goodWhen: 'up',
    definition: 'Revenue / orders.',
  },
  purchaseFrequency: {
    label: 'Purchase frequency',
    format: 'decimal',
    goodWhen: 'up',
    definition: 'Orders / buyers.',
  },
  cancelRate: {
    label: 'Cancel rate',
    format: 'percent',
    goodWhen: 'down',
    definition: '(Canceled + returned orders) / (successful + canceled + returned orders).',
  },
  returnRate: {
    label: 'Return rate',
    format: 'percent',
    goodWhen: 'down',
    definition: 'Returned orders / (successful + canceled + returned orders).',
  },
  newBuyers: {
    label: 'New buyers',
    format: 'count',
    goodWhen: 'up',
    definition: 'Buyers whose first successful order ever is in the period.',
  },
  returningBuyers: {
    label: 'Returning buyers',
    format: 'count',
    goodWhen: 'up',
    definition: 'Buyers who are not new buyers.',
  },
  retentionRate: {
    label: 'Retention rate',
    format: 'percent',
    goodWhen: 'up',
    definition: "Of the previous period's buyers, the share that are buyers of this one.",
  },
  repeatRate: {
    label: 'Repeat rate',
    format: 'percent',
    goodWhen: 'up',
    definition: 'Of customers with a successful order before the end, the share with two or more.',
  },
  churn: {
    label: 'Monthly churn',
    format: 'percent',
    goodWhen: 'down',
    definition:
      'Mean monthly churn over the 12 months ending with the last full month: of customers active at a month’s start, the share not active at its end.',
  },
  arpu: {
    label: 'Monthly ARPU',
    format: 'money',
    goodWhen: 'up',
    definition: 'Mean monthly revenue per active customer over the same 12 months.',
  },
  clvHistoric: {
    label: 'CLV (historic)',
    format: 'money',
    goodWhen: 'up',
    definition: 'Mean lifetime revenue of customers with a successful order before the end.',
  },
  clvRolling: {
    label: 'CLV (rolling)',
    format: 'money',
    goodWhen: 'up',
    definition: 'Mean monthly ARPU / mean monthly churn, over 12 months.',
  },
  clvSimple: {
    label: 'CLV (simple)',
    format: 'money',
    goodWhen: 'up',
    definition: 'APV × orders per buyer (last 365 days) / (12 × mean monthly churn).',
  },
  clvPredicted: {
    label: 'CLV (predicted)',
    format: 'money',
    goodWhen: 'up',
    definition: 'Mean predicted CLV of the customers (purchase model with Gamma-Gamma spend).',
  },
  cac: {
    label: 'CAC',
    format: 'money',
    goodWhen: 'down',
    definition: 'Acquisition spend of the period’s months / new buyers.',
  },
  clvToCac: {
    label: 'CLV:CAC',
    format: 'ratio',
    goodWhen: 'up',
    definition: '(Predicted CLV when a model is fitted, else rolling CLV) / CAC.',
  },
};

export type ClvMethod = 'clvPredicted' | 'clvRolling' | 'clvHistoric' | 'clvSimple';

export const CLV_METHODS: { key: ClvMethod; label: string }[] = [
  { key: 'clvPredicted', label: 'Predicted' },
  { key: 'clvRolling', label: 'Rolling' },
  { key: 'clvHistoric', label: 'Historic' },
  { key: 'clvSimple', label: 'Simple' },
];
