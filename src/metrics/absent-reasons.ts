// Why a KPI has no value (or, for a period without orders, why its counts read 0): one code
// per cause, and the sentence people read. The API answers the code; the CLI and the docs
// print the sentence; the dashboard shows it on hover and in its tables.

export const ABSENT_REASONS = {
  'no-orders': 'no orders in this period',
  'no-successful-orders': 'no successful orders in this period',
  'no-previous-buyers': 'no buyers in the period before',
  'no-buyers-yet': 'no customer with a successful order before the end of the period',
  'no-full-month': 'needs a full calendar month in the range',
  'no-active-customers': 'no customer active in the 12 months of the rolling window',
  'no-churn': 'no customer churned in the 12 months of the rolling window',
  'no-year-orders': 'no successful orders in the 365 days before the end of the period',
  'no-predictions': 'no model is fitted',
  'now-only': 'predicted CLV is made as of the latest data, for now only',
  'no-spend': 'no acquisition spend in the range',
  'no-new-buyers': 'no new buyers in the range',
  'not-attributable': 'acquisition spend cannot be attributed to this segment',
  'not-comparable': 'predictions exist for now only: a previous value would compare another CLV',
} as const;

export type AbsentReason = keyof typeof ABSENT_REASONS;

export const ABSENT_REASON_CODES = Object.keys(ABSENT_REASONS) as [AbsentReason, ...AbsentReason[]];
