export interface PageWindow {
  offset: number;
  limit: number;
  total: number;
}

/** Where a page of a list is: "26–50 of 1,056", and whether there is a page before or after. */
export function pageRange(page: PageWindow, shown: number, locale?: string) {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const first = shown > 0 ? page.offset + 1 : 0;
  const last = page.offset + shown;
  return {
    text:
      shown > 0
        ? `${number.format(first)}–${number.format(last)} of ${number.format(page.total)}`
        : `0 of ${number.format(page.total)}`,
    previousOffset: page.offset > 0 ? Math.max(0, page.offset - page.limit) : null,
    nextOffset: last < page.total ? page.offset + page.limit : null,
  };
}
