import { WeightedPicker } from '../shared/random.js';
import type { Random } from '../shared/random.js';

// A fixed calendar, not today's date, so every run of the same options gives the same numbers.
/** First instant of the demo shop's history (ms since the epoch). */
export const DEMO_START = Date.UTC(2023, 10, 1);
/** Last second of the demo shop's history, inclusive. */
export const DEMO_END = Date.UTC(2026, 9, 31, 23, 59, 59);

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The demo calendar as ISO strings, for commands that want a default period. */
export const demoCalendar = {
  start: '2023-11-01T00:00:00Z',
  end: '2026-10-31T23:59:59Z',
} as const;

export interface CalendarMonth {
  key: string;
  start: number;
  /** First instant of the next month. */
  end: number;
  /** 0 = January. */
  monthOfYear: number;
}

/** The 36 calendar months of the demo, oldest first. */
export const demoMonths: readonly CalendarMonth[] = Array.from({ length: 36 }, (_, i) => {
  const start = Date.UTC(2023, 10 + i, 1);
  const date = new Date(start);
  return {
    key: monthKey(start),
    start,
    end: Date.UTC(2023, 11 + i, 1),
    monthOfYear: date.getUTCMonth(),
  };
});

// Events are formatted in time order, so one cached day prefix saves most Date work, and
// a shared time-of-day string makes each timestamp one small concatenation: 10 M of them fit.
let cachedDay = Number.NaN;
let cachedPrefix = '';
const timesOfDay: string[] = [];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function timeOfDayText(second: number): string {
  let text = timesOfDay[second];
  if (text === undefined) {
    const h = Math.floor(second / 3600);
    const m = Math.floor((second % 3600) / 60);
    text = `${pad2(h)}:${pad2(m)}:${pad2(second % 60)}Z`;
    timesOfDay[second] = text;
  }
  return text;
}

/** ISO 8601 UTC to the second: 2024-03-05T14:22:10Z. */
export function formatTimestamp(ms: number): string {
  const day = Math.floor(ms / DAY);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * DAY).toISOString().slice(0, 11);
  }
  return cachedPrefix + timeOfDayText(Math.floor((ms - day * DAY) / SECOND));
}

/** YYYY-MM-DD in UTC. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** YYYY-MM in UTC. */
export function monthKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

// Black Friday and Christmas lift buying; late winter and summer are quiet.
const purchaseSeason = [0.85, 0.8, 0.9, 0.95, 1, 0.95, 0.9, 0.9, 1, 1.05, 1.35, 1.4];
/** The largest purchase-season factor, the ceiling for thinning. */
export const PEAK_SEASON = Math.max(...purchaseSeason);

// One entry per calendar day, since thinning asks for the factor millions of times.
const seasonByDay = Float64Array.from(
  { length: Math.ceil((DEMO_END - DEMO_START) / DAY) },
  (_, day) => purchaseSeason[new Date(DEMO_START + day * DAY).getUTCMonth()] ?? 1,
);

/** How much busier than average buying is in the month of `ms` (1 outside the calendar). */
export function seasonFactor(ms: number): number {
  return seasonByDay[Math.floor((ms - DEMO_START) / DAY)] ?? 1;
}

// Shoppers in Europe (UTC) buy mostly in the evening, hardly at night.
const hourWeights = [2, 1, 1, 1, 1, 2, 3, 4, 5, 5, 6, 6, 7, 6, 6, 6, 6, 7, 8, 9, 9, 8, 5, 3];
const hourPicker = new WeightedPicker(hourWeights.map((weight, hour) => [hour, weight] as const));

/** A time of day (ms after midnight), whole seconds, shaped like an online shop's traffic. */
export function timeOfDay(random: Random): number {
  return hourPicker.pick(random) * HOUR + random.int(0, 3599) * SECOND;
}

/** The instant `ms` moved to a shop-like time on its own UTC day. */
export function atShopHours(ms: number, random: Random): number {
  return Math.floor(ms / DAY) * DAY + timeOfDay(random);
}

/** Cuts to whole seconds, since timestamps are written to the second. */
export function toSecond(ms: number): number {
  return Math.floor(ms / SECOND) * SECOND;
}
