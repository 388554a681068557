import { addDays } from '../app/dates';
import { formatDay } from './format';

/** A period [from, to) as the days it covers: "Oct 1, 2025 – Sep 30, 2026". */
export function periodText(period: { from: string; to: string }, locale?: string): string {
  return `${formatDay(period.from, locale)} – ${formatDay(addDays(period.to, -1), locale)}`;
}
