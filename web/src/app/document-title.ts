import { useEffect } from 'react';
import type { PageEntry } from './pages';

/** The browser tab's title for a page: its own name first, so tabs and history tell pages apart. */
export function documentTitle(page: PageEntry | null, customerId: string | null): string {
  const name = customerId ? `Customer ${customerId}` : (page?.title ?? 'Page not found');
  return `${name} · CLV dashboard`;
}

/** Keeps document.title on the current page's title. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
