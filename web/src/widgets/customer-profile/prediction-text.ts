import type { CustomerProfile } from '../../api/types';
import { formatDay, formatValue, type FormatContext } from '../../format/format';
import { sentence } from '../../format/sentence';

export type Prediction = NonNullable<CustomerProfile['prediction']>;

/** "the next 12 months", or "the horizon" while the model report is not at hand. */
export function horizonText(horizonMonths: number | undefined): string {
  return horizonMonths ? `the next ${horizonMonths} months` : 'the horizon';
}

/**
 * The 90 % predictive interval of what the customer will spend over the horizon, in words;
 * null when the models gave none.
 */
export function spendIntervalText(
  p: Prediction,
  horizonMonths: number | undefined,
  context: FormatContext,
): string | null {
  if (p.spendLow === null || p.spendHigh === null) return null;
  // An interval of [0, 0]: at least 95 % likely to buy nothing (a customer who has left).
  if (p.spendHigh === 0) return `Will spend nothing in ${horizonText(horizonMonths)}`;
  const money = (value: number) => formatValue(value, 'money', context);
  return `Will spend between ${money(p.spendLow)} and ${money(p.spendHigh)} in ${horizonText(horizonMonths)}`;
}

/**
 * The day by which a purchase is more likely than not; without one, that none is expected
 * within the horizon, unless the purchase model failed (then null: nothing is known).
 */
export function nextPurchaseText(
  p: Prediction,
  horizonMonths: number | undefined,
  context: FormatContext,
): string | null {
  if (p.nextPurchaseDate) {
    return `More likely than not by ${formatDay(p.nextPurchaseDate, context.locale)}`;
  }
  if (p.pAlive === null) return null;
  return `Not expected within ${horizonText(horizonMonths)}`;
}

/** The prediction's status as a badge and the server's reason; null when the models were ok. */
export function predictionStatus(
  p: Prediction,
): { tone: 'flagged' | 'failed'; title: string; text: string } | null {
  if (p.status === 'ok') return null;
  if (p.status === 'degenerate') {
    return {
      tone: 'flagged',
      title: 'Flagged',
      text: sentence(p.reason ?? 'A model is degenerate: the values rest on its stated fallback'),
    };
  }
  return {
    tone: 'failed',
    title: 'No prediction',
    text: sentence(p.reason ?? 'The models could not be fitted'),
  };
}
