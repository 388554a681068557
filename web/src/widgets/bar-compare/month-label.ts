const cache = new Map<string, Intl.DateTimeFormat>();

function shortMonth(locale: string | undefined): Intl.DateTimeFormat {
  const key = locale ?? '';
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
    cache.set(key, format);
  }
  return format;
}

/**
 * A month on a crowded axis: "Oct", with the year on a second line for the first month shown
 * and for every January, so twelve labels fit without hiding any.
 */
export function monthAxisLabel(month: string, index: number, locale?: string): string {
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  const name = shortMonth(locale).format(new Date(Date.UTC(year, m - 1, 1)));
  return index === 0 || m === 1 ? `${name}\n${year}` : name;
}
