import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { settledPage, settledWidgets } from './settled.js';
import { DASHBOARD_PAGES } from './page-names.js';

interface TopCustomers {
  items: { customerId: string }[];
}

/** A phone (iPhone 12–15 class) and a tablet (iPad class) held upright. */
const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

describe('the dashboard on phones and tablets, in Chromium', () => {
  const t = dashboardSession();

  /**
   * How far the page, the filter bar and the cards reach past the window's width, in CSS pixels,
   * the widgets whose table sticks out of its card, and those whose tables overlap;
   * run in the page as text, since the tests compile without the DOM's types.
   */
  const overflow = () =>
    t.page.evaluate<{
      page: number;
      filters: number[];
      cards: number[];
      tables: string[];
      overlaps: string[];
    }>(`({
      page: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
      filters: [...document.querySelectorAll('.filter-bar')]
        .map((e) => e.scrollWidth - e.clientWidth)
        .filter((beyond) => beyond > 0),
      cards: [...document.querySelectorAll('.card')]
        .map((e) => e.getBoundingClientRect().right - window.innerWidth)
        .filter((beyond) => beyond > 0.5),
      // Tables wider than their card that no box inside the card scrolls.
      tables: [...document.querySelectorAll('main table')]
        .filter((table) => {
          const card = table.closest('.card');
          if (!card) return false;
          for (let e = table.parentElement; e && e !== card; e = e.parentElement) {
            if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) return false;
          }
          return table.getBoundingClientRect().right > card.getBoundingClientRect().right + 0.5;
        })
        .map((table) => table.closest('[data-widget]')?.getAttribute('data-widget') ?? '?'),
      // Tables drawn over one another (side by side in a grid too narrow for them).
      overlaps: [...document.querySelectorAll('main table')].flatMap((a, i, all) =>
        all.slice(i + 1).filter((b) => {
          const [p, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
          return p.left < q.right - 0.5 && q.left < p.right - 0.5 && p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5;
        }).map(() => a.closest('[data-widget]')?.getAttribute('data-widget') ?? '?'),
      ),
    })`);

  for (const size of SIZES) {
    it(`shows every page at ${size.width} × ${size.height} without sideways scrolling`, async () => {
      await t.page.setViewportSize({ width: size.width, height: size.height });
      const top = await t.demo.api<TopCustomers>('/customers/top?limit=1');
      const profile = `customers/${encodeURIComponent(top.items[0]?.customerId ?? '')}`;
      for (const path of [...DASHBOARD_PAGES, profile]) {
        await t.page.goto(`${t.demo.url}/${path}`);
        await settledPage(t.page, path === profile ? 'customer' : path);
        expect(await overflow(), path).toEqual({
          page: 0,
          filters: [],
          cards: [],
          tables: [],
          overlaps: [],
        });
        await screenshot(t.page, `${size.name}-${path === profile ? 'customer' : path}`);
      }
      expect(t.browser.consoleErrors()).toEqual([]);
    });

    it(`folds the pages behind a menu button at ${size.width} px, by mouse and keyboard`, async () => {
      await t.page.setViewportSize({ width: size.width, height: size.height });
      await t.page.goto(`${t.demo.url}/overview`);
      await settledWidgets(t.page, 'overview');
      const nav = t.page.getByRole('navigation', { name: 'Pages' });
      const menu = t.page.getByRole('button', { name: 'Menu' });
      expect(await nav.isVisible()).toBe(false);
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      await menu.click();
      expect(await nav.isVisible()).toBe(true);
      await screenshot(t.page, `${size.name}-menu-open`);
      await nav.getByRole('link', { name: 'Deciles' }).click();
      await t.page.waitForURL(/\/deciles$/);
      await settledWidgets(t.page, 'deciles');
      // Choosing a page folds the menu again.
      expect(await nav.isVisible()).toBe(false);
      // By keyboard: the button opens it, Tab reaches the links, Enter follows one.
      await menu.focus();
      await t.page.keyboard.press('Enter');
      expect(await nav.isVisible()).toBe(true);
      await nav.getByRole('link', { name: 'Cohorts' }).focus();
      await t.page.keyboard.press('Enter');
      await t.page.waitForURL(/\/cohorts$/);
      await settledWidgets(t.page, 'cohorts');
      expect(await nav.isVisible()).toBe(false);
      expect(t.browser.consoleErrors()).toEqual([]);
    });
  }

  it('keeps the pages in the header on a desktop, with no menu button', async () => {
    await t.page.setViewportSize({ width: 1280, height: 900 });
    await t.page.goto(`${t.demo.url}/overview`);
    await settledWidgets(t.page, 'overview');
    expect(await t.page.getByRole('navigation', { name: 'Pages' }).isVisible()).toBe(true);
    expect(await t.page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
  });
});
