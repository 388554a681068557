import type { CampaignSummary, Difference, LiftAbsent } from '../../api/types';
import { formatValue, type FormatContext } from '../../format/format';

const points = (value: number, locale: string | undefined, signed: boolean) =>
  new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(value * 100);

/**
 * A difference with its interval as people read it: "+2.1 pp (95 % CI 0.8 to 3.4 pp)" for a
 * rate (Newcombe), the same in money for revenue per customer (Welch).
 */
export function differenceText(difference: Difference, context: FormatContext): string {
  if (difference.method === 'newcombe') {
    const { locale } = context;
    return `${points(difference.value, locale, true)} pp (95 % CI ${points(difference.low, locale, false)} to ${points(difference.high, locale, false)} pp)`;
  }
  const money = (v: number) => formatValue(v, 'money', context);
  const sign = difference.value > 0 ? '+' : '';
  return `${sign}${money(difference.value)} (95 % CI ${money(difference.low)} to ${money(difference.high)})`;
}

/** "significant" or "not significant": whether the interval leaves out 0, in words. */
export function significanceText(difference: Difference): string {
  return difference.significant ? 'significant' : 'not significant';
}

/** Why a campaign × audience has no lift, naming the audience. */
export function absentText(absent: LiftAbsent): string {
  return `${absent.audience.name}: ${absent.message}`;
}

/**
 * A campaign's conversion lift in words, one part per audience: each lift with its interval and
 * significance, then each audience without one and why.
 */
export function campaignLiftText(campaign: CampaignSummary, context: FormatContext): string {
  const named = campaign.lift.length + campaign.liftAbsent.length > 1;
  const lifts = campaign.lift.map(
    (lift) =>
      `${named ? `${lift.audience.name}: ` : ''}${differenceText(lift.conversion, context)}, ${significanceText(lift.conversion)}`,
  );
  const absent = campaign.liftAbsent.map((a) => (named ? absentText(a) : a.message));
  return [...lifts, ...absent].join('; ') || 'no audience';
}
