/**
 * The names of the tables a refresh builds. Code that passes a table's name as a value (to
 * check it exists, to filter it by segment, to say what a refresh wrote) takes it from here;
 * SQL text may name them plainly.
 */
export const TABLE = {
  orders: 'orders',
  customerSummary: 'customer_summary',
  consentHistory: 'consent_history',
  customerMonths: 'customer_months',
  customerActivity: 'customer_activity',
  monthlyMetrics: 'monthly_metrics',
  cohorts: 'cohorts',
  deciles: 'deciles',
  rfm: 'rfm',
  knownCustomers: 'known_customers',
  customerAttributes: 'customer_attributes',
  attributeValues: 'attribute_values',
  purchaseSummary: 'purchase_summary',
  /** Written by the predictions step, after the derived tables. */
  customerPredictions: 'customer_predictions',
  modelFit: 'model_fit',
  /** Written by the features step, after the predictions: what audience rules test. */
  customerFeatures: 'customer_features',
  storeAsOf: 'store_as_of',
  /** Written by the campaigns step, after the features: the campaign response analysis. */
  campaignRecipients: 'campaign_recipients',
  /** What the `campaign_recipients` view reads: recipients' rows keyed by `k`, and the keys. */
  campaignRecipientRows: 'campaign_recipient_rows',
  campaignKeys: 'campaign_keys',
  campaignFunnel: 'campaign_funnel',
  campaignDaily: 'campaign_daily',
  campaignAttributions: 'campaign_attributions',
  campaignLift: 'campaign_lift',
  campaignWinback: 'campaign_winback',
  campaignState: 'campaign_state',
  campaignClvMovement: 'campaign_clv_movement',
} as const;

/** A table a refresh builds. */
export type TableName = (typeof TABLE)[keyof typeof TABLE];
