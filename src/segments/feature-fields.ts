/**
 * The derived values a rule may test, one column each of `customer_features` (one row per known
 * customer, rebuilt at every refresh). The key is the rule's field name and the column's name.
 * A customer without the value (no order, no fitted model) holds NULL, which fails every test
 * but `missing`.
 */
export const FEATURE_FIELDS = {
  revenue: {
    kind: 'number',
    label: 'Lifetime revenue',
    description: 'sum of the amounts of the customer’s successful orders',
  },
  orders: {
    kind: 'number',
    label: 'Orders',
    description: 'count of the customer’s successful orders',
  },
  first_order_at: {
    kind: 'date',
    label: 'First order',
    description: 'time of the first successful order (UTC)',
  },
  last_order_at: {
    kind: 'date',
    label: 'Last order',
    description: 'time of the latest successful order (UTC)',
  },
  days_since_last_order: {
    kind: 'number',
    label: 'Days since last order',
    description: 'whole days from the latest successful order to the store’s as-of instant',
  },
  historic_clv: {
    kind: 'number',
    label: 'Historic CLV',
    description:
      'the customer’s lifetime revenue, the per-customer value the historic CLV averages',
  },
  predicted_clv: {
    kind: 'number',
    label: 'Predicted CLV',
    description: 'predicted CLV of the latest refresh (next horizon, discounted)',
  },
  p_alive: {
    kind: 'number',
    label: 'P(alive)',
    description: 'probability that the customer is still active, from the purchase model',
  },
  churn_risk: { kind: 'number', label: 'Churn risk', description: '1 − P(alive)' },
  clv_decile: {
    kind: 'number',
    label: 'CLV decile',
    description:
      'decile of buyers ranked by predicted CLV (0 when none) descending, then customer id; 1 is the highest',
  },
  revenue_decile: {
    kind: 'number',
    label: 'Revenue decile',
    description:
      'decile of buyers ranked by lifetime revenue descending, then customer id; 1 is the highest',
  },
  rfm_group: {
    kind: 'text',
    label: 'RFM group',
    description: 'named RFM group of the RFM table (champions, loyal, at_risk, …)',
  },
  cohort_month: {
    kind: 'text',
    label: 'Cohort month',
    description: 'month of the first successful order, YYYY-MM (project time zone)',
  },
  acquisition_channel: {
    kind: 'text',
    label: 'Acquisition channel',
    description: 'the customer’s value of the configured acquisitionChannelAttribute',
  },
} as const satisfies Record<
  string,
  { kind: 'number' | 'date' | 'text'; label: string; description: string }
>;

export type FeatureField = keyof typeof FEATURE_FIELDS;
export type FeatureKind = (typeof FEATURE_FIELDS)[FeatureField]['kind'];
