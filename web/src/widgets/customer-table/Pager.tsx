import { pageRange, type PageWindow } from './paging';

/** "x–y of total" with Previous and Next buttons. */
export function Pager({
  page,
  shown,
  label,
  locale,
  onOffset,
}: {
  page: PageWindow;
  shown: number;
  /** What is paged, for screen readers: "Customers", "Events". */
  label: string;
  locale?: string | undefined;
  onOffset(offset: number): void;
}) {
  const range = pageRange(page, shown, locale);
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <span data-role="range" aria-live="polite">
        {range.text}
      </span>
      <button
        type="button"
        className="button small"
        data-action="previous-page"
        disabled={range.previousOffset === null}
        onClick={() => range.previousOffset !== null && onOffset(range.previousOffset)}
      >
        Previous
      </button>
      <button
        type="button"
        className="button small"
        data-action="next-page"
        disabled={range.nextOffset === null}
        onClick={() => range.nextOffset !== null && onOffset(range.nextOffset)}
      >
        Next
      </button>
    </nav>
  );
}
