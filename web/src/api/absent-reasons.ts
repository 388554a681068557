import type { Kpi } from './types';

/** A reason code the API gives beside a value it cannot (or need not) give. */
export type AbsentReason = NonNullable<Kpi['reason']>;

// The same sentences as the server's src/metrics/absent-reasons.ts; the Record makes the
// compiler ask for a sentence whenever the API's list of codes grows.
const SENTENCES: Record<AbsentReason, string> = {
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
};

/** The sentence of a reason code, or null for none. */
export function reasonText(reason: AbsentReason | null | undefined): string | null {
  return reason ? SENTENCES[reason] : null;
}

/** Why a value reads as it does, for people; the short-history sentence names the bias. */
export const SHORT_HISTORY =
  'Too little history: its churn rests on months that start less than the churn window after the first order, when nobody could have churned yet, so churn reads low and CLV high.';
