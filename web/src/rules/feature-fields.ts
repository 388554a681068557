import type { FeatureField } from './rule-types';

export type FieldKind = 'number' | 'date' | 'text';

/** The derived values a `value` condition tests, in the builder's menu order. */
export const FEATURE_FIELDS: Record<FeatureField, { kind: FieldKind; label: string }> = {
  revenue: { kind: 'number', label: 'Lifetime revenue' },
  orders: { kind: 'number', label: 'Orders' },
  first_order_at: { kind: 'date', label: 'First order' },
  last_order_at: { kind: 'date', label: 'Last order' },
  days_since_last_order: { kind: 'number', label: 'Days since last order' },
  historic_clv: { kind: 'number', label: 'Historic CLV' },
  predicted_clv: { kind: 'number', label: 'Predicted CLV' },
  p_alive: { kind: 'number', label: 'P(alive)' },
  churn_risk: { kind: 'number', label: 'Churn risk' },
  clv_decile: { kind: 'number', label: 'CLV decile' },
  revenue_decile: { kind: 'number', label: 'Revenue decile' },
  rfm_group: { kind: 'text', label: 'RFM group' },
  cohort_month: { kind: 'text', label: 'Cohort month' },
  acquisition_channel: { kind: 'text', label: 'Acquisition channel' },
};

export const FIELD_KEYS = Object.keys(FEATURE_FIELDS) as FeatureField[];
