// Numbers as people read them, in the browser's locale. Pure: the locale is an argument.

export type ValueFormat =
  | 'money'
  | 'count'
  | 'percent'
  | 'ratio'
  | 'decimal'
  /** Four significant digits: model parameters, errors that differ in the third digit. */
  | 'precise'
  | 'months'
  | 'text';

export interface FormatContext {
  currency: string;
  /** A BCP 47 locale; undefined means the browser's. */
  locale?: string;
}

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions) {
  const key = JSON.stringify([locale ?? '', options]);
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** A value in its format; null (no value: a zero denominator) shows as an em dash. */
export function formatValue(
  value: number | string | null | undefined,
  format: ValueFormat,
  context: FormatContext,
): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  const { locale, currency } = context;
  switch (format) {
    case 'money':
      return numberFormat(locale, {
        style: 'currency',
        currency,
        maximumFractionDigits: Math.abs(value) >= 1000 ? 0 : 2,
        minimumFractionDigits: Math.abs(value) >= 1000 ? 0 : 2,
      }).format(value);
    case 'count':
      return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
    case 'percent':
      return numberFormat(locale, {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(value);
    case 'ratio':
      return `${numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)}×`;
    case 'months':
      return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(value)} mo`;
    case 'decimal':
      if (Math.abs(value) >= 1e12) return scientific(value, locale);
      return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
        value,
      );
    case 'precise':
      // A parameter run off to 1e50 or 1e-8 (a degenerate fit) would fill a line with zeros.
      if (Math.abs(value) >= 1e9 || (value !== 0 && Math.abs(value) < 1e-4)) {
        return scientific(value, locale);
      }
      return numberFormat(locale, { maximumSignificantDigits: 4 }).format(value);
    case 'text':
      return String(value);
  }
}

/** Four significant digits in scientific notation: 3.534E50. */
function scientific(value: number, locale: string | undefined): string {
  return numberFormat(locale, { notation: 'scientific', maximumSignificantDigits: 4 }).format(
    value,
  );
}

/** A compact axis label: €1.2M, 35K, 40%. */
export function formatAxis(value: number, format: ValueFormat, context: FormatContext): string {
  const { locale, currency } = context;
  if (format === 'percent') {
    return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
  }
  if (format === 'money') {
    return numberFormat(locale, {
      style: 'currency',
      currency,
      notation: 'compact',
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    }).format(value);
  }
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A relative change as a signed percentage: +12.3 %, −4.0 %. */
export function formatChange(change: number | null, locale?: string): string {
  if (change === null) return '—';
  return numberFormat(locale, {
    style: 'percent',
    signDisplay: 'exceptZero',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(change);
}

/** Whether a change is good news: up is good for revenue, down is good for churn. */
export function changeTone(
  change: number | null,
  goodWhen: 'up' | 'down' | 'neither',
): 'good' | 'bad' | 'flat' {
  if (change === null || Math.abs(change) < 0.0005 || goodWhen === 'neither') return 'flat';
  return change > 0 === (goodWhen === 'up') ? 'good' : 'bad';
}

/** "2025-10" as the locale's short month and year, e.g. "Oct 2025". */
export function formatMonth(month: string, locale?: string): string {
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, m - 1, 1)));
}

/** A YYYY-MM-DD day in the locale's medium date style. */
export function formatDay(day: string, locale?: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}
