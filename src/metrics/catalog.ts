// What each KPI means, once: the CLI, the API (and so the dashboard) and docs/metrics.md read
// it from here. The formulas are the metric glossary of the design, word for word.

/** How a KPI's value reads: an amount, a count, a share (0..1), a ratio (×), a plain number. */
export type KpiUnit = 'money' | 'count' | 'rate' | 'ratio' | 'decimal';

/** Whether a rise is good news (revenue), bad news (churn), or neither. */
export type KpiDirection = 'up' | 'down' | 'neither';

export interface KpiDefinition {
  key: string;
  label: string;
  unit: KpiUnit;
  good: KpiDirection;
  /** Whether `--series month` gives it a value per month. */
  monthly: boolean;
  /** What it is, in one sentence for people. */
  definition: string;
  /**
   * The glossary's words for it. Where the glossary defines it by reference to the entry
   * before ("buyers: distinct customers with one"), the passage starts with that entry.
   */
  formula: string;
}

/** Every KPI of the glossary, in the order reports list them. */
export const KPI_CATALOG = [
  {
    key: 'revenue',
    label: 'Revenue',
    unit: 'money',
    good: 'up',
    monthly: true,
    definition: 'Sum of the amounts of successful orders in the period.',
    formula: 'sum of amounts of successful orders whose time is in the period.',
  },
  {
    key: 'orders',
    label: 'Orders',
    unit: 'count',
    good: 'up',
    monthly: true,
    definition: 'Successful orders in the period.',
    formula: 'count of successful orders in the period.',
  },
  {
    key: 'buyers',
    label: 'Buyers',
    unit: 'count',
    good: 'up',
    monthly: true,
    definition: 'Distinct customers with a successful order in the period.',
    formula:
      'orders: count of successful orders in the period. buyers: distinct customers with one.',
  },
  {
    key: 'apv',
    label: 'Average purchase value',
    unit: 'money',
    good: 'up',
    monthly: true,
    definition: 'Revenue / orders.',
    formula: 'revenue / orders.',
  },
  {
    key: 'purchaseFrequency',
    label: 'Purchase frequency',
    unit: 'decimal',
    good: 'up',
    monthly: true,
    definition: 'Orders / buyers.',
    formula: 'orders / buyers.',
  },
  {
    key: 'cancelRate',
    label: 'Cancel rate',
    unit: 'rate',
    good: 'down',
    monthly: true,
    definition: '(Canceled + returned orders) / (successful + canceled + returned orders).',
    formula:
      '(canceled + returned orders) / (successful + canceled + returned orders), in the period',
  },
  {
    key: 'returnRate',
    label: 'Return rate',
    unit: 'rate',
    good: 'down',
    monthly: true,
    definition: 'Returned orders / (successful + canceled + returned orders).',
    formula:
      'cancel rate: (canceled + returned orders) / (successful + canceled + returned orders), in the period; return rate likewise with returned alone. `other` orders are in neither.',
  },
  {
    key: 'newBuyers',
    label: 'New buyers',
    unit: 'count',
    good: 'up',
    monthly: true,
    definition: 'Buyers whose first successful order ever is in the period.',
    formula: 'buyers whose first successful order ever is in the period',
  },
  {
    key: 'returningBuyers',
    label: 'Returning buyers',
    unit: 'count',
    good: 'up',
    monthly: true,
    definition: 'Buyers who are not new buyers.',
    formula:
      'new buyers: buyers whose first successful order ever is in the period; returning buyers: the other buyers.',
  },
  {
    key: 'retentionRate',
    label: 'Retention rate',
    unit: 'rate',
    good: 'up',
    monthly: true,
    definition: "Of the previous period's buyers, the share that are buyers of this one.",
    formula: 'of the buyers of the previous period, the share that are buyers of this one.',
  },
  {
    key: 'repeatRate',
    label: 'Repeat rate',
    unit: 'rate',
    good: 'up',
    monthly: true,
    definition: 'Of customers with a successful order before the end, the share with two or more.',
    formula: 'of customers with ≥ 1 successful order before `to`, the share with ≥ 2.',
  },
  {
    key: 'churn',
    label: 'Monthly churn',
    unit: 'rate',
    good: 'down',
    monthly: true,
    definition:
      'Mean monthly churn over the 12 months ending with the last full month: of customers active at a month’s start, the share not active at its end.',
    formula:
      'For calendar month m starting at instant s and ending at instant e (the first instant of the next month): monthly churn = of customers active at s, the share not active at e',
  },
  {
    key: 'arpu',
    label: 'Monthly ARPU',
    unit: 'money',
    good: 'up',
    monthly: true,
    definition: 'Mean monthly revenue per active customer over the same 12 months.',
    formula:
      'For calendar month m starting at instant s and ending at instant e (the first instant of the next month): monthly churn = of customers active at s, the share not active at e; monthly ARPU = revenue in m / customers active at e.',
  },
  {
    key: 'clvHistoric',
    label: 'CLV (historic)',
    unit: 'money',
    good: 'up',
    monthly: true,
    definition: 'Mean lifetime revenue of customers with a successful order before the end.',
    formula:
      'mean lifetime revenue (successful orders before `to`) of customers with ≥ 1 successful order before `to`',
  },
  {
    key: 'clvRolling',
    label: 'CLV (rolling)',
    unit: 'money',
    good: 'up',
    monthly: true,
    definition: 'Mean monthly ARPU / mean monthly churn, over 12 months.',
    formula:
      '(mean monthly ARPU) / (mean monthly churn) over the 12 calendar months ending with the last full month inside [from, to). Null when the mean churn is 0 or undefined.',
  },
  {
    key: 'clvSimple',
    label: 'CLV (simple)',
    unit: 'money',
    good: 'up',
    monthly: false,
    definition: 'APV × orders per buyer (last 365 days) / (12 × mean monthly churn).',
    formula:
      "APV × orders per buyer × 1 / (12 × mean monthly churn), where APV and orders per buyer are taken over [to − 365 days, to) and the mean churn is the rolling formula's.",
  },
  {
    key: 'clvPredicted',
    label: 'CLV (predicted)',
    unit: 'money',
    good: 'up',
    monthly: false,
    definition: 'Mean predicted CLV of the customers (purchase model with Gamma-Gamma spend).',
    formula: 'the mean over customers of their predicted CLV.',
  },
  {
    key: 'cac',
    label: 'CAC',
    unit: 'money',
    good: 'down',
    monthly: false,
    definition: 'Acquisition spend of the period’s months / new buyers.',
    formula:
      'acquisition spend of the months whose first day lies in [from, to), over new buyers in the period.',
  },
  {
    key: 'clvToCac',
    label: 'CLV:CAC',
    unit: 'ratio',
    good: 'up',
    monthly: false,
    definition: '(Predicted CLV when a model is fitted, else rolling CLV) / CAC.',
    formula: '(predicted CLV when a model is fitted, else rolling CLV) / CAC.',
  },
] as const satisfies readonly KpiDefinition[];

/** The key of a KPI: `revenue`, `churn`, `clvToCac`, … */
export type KpiKey = (typeof KPI_CATALOG)[number]['key'];

/** The catalogue's entry for a key. */
export function kpiDefinition(key: KpiKey): KpiDefinition & { key: KpiKey } {
  const found = KPI_CATALOG.find((entry) => entry.key === key);
  if (!found) throw new Error(`no KPI ${key} in the catalogue`);
  return found;
}
