import type { AttributionWindows } from '../../api/types';

/** The attribution windows and the as-of instant, in a sentence. */
export function attributionText(
  answer: { attribution: AttributionWindows; asOf?: string | null },
  locale?: string,
): string {
  const { clickDays, openDays } = answer.attribution;
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  const asOf =
    answer.asOf === null || answer.asOf === undefined
      ? ''
      : ` As of ${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(answer.asOf))} UTC.`;
  return `An order counts for a campaign within ${days(clickDays)} of a click or ${days(openDays)} of an open; the last touch wins.${asOf}`;
}
