import { describe, expect, it } from 'vitest';
import { FIRST_VISIT_REQUESTS } from '../../src/server/first-visit-requests.js';
import { apiRoutes } from '../../src/server/routes/index.js';
import { runClv } from '../helpers/run-cli.js';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { settledPage, settledWidgets } from './settled.js';
import { DASHBOARD_PAGES } from './page-names.js';

const API = '/api/v1';

/** The route a GET path is answered by, matched as the server matches it (`:id` is one segment). */
function routeOf(pathname: string) {
  const path = pathname.slice(API.length);
  return apiRoutes.find(
    (route) =>
      route.method === 'GET' &&
      new RegExp(`^${route.path.replace(/:[^/]+/g, '[^/]+')}$`).test(path),
  );
}

interface TopCustomers {
  items: { customerId: string }[];
}

/** As the README starts one: `clv demo`, `clv refresh`, `clv serve`; no holdout check yet. */
async function freshDemo(project: string): Promise<void> {
  for (const args of [
    ['demo', '--project', project, '--customers', '2000'],
    ['refresh', '--project', project],
  ]) {
    const result = await runClv(args, { killAfterMs: 120_000 });
    if (result.code !== 0) throw new Error(`clv ${args[0]} failed: ${result.stderr}`);
  }
}

describe('a freshly started demo in Chromium', () => {
  // No failure is expected: every request of every page must succeed.
  // Served as the README serves it: computing the first visit's answers behind its start.
  const t = dashboardSession({ shop: freshDemo, warmUp: true });

  it('shows every page without a console error or a failed request, asking what the server warmed', async () => {
    expect(await t.demo.api<unknown>('/model/holdout')).toBeNull();
    const top = await t.demo.api<TopCustomers>('/customers/top?limit=1');
    const id = top.items[0]?.customerId ?? '';
    // What the pages ask, as a newcomer's first visit: each loaded afresh, default filters.
    const asked: string[] = [];
    let listening = true;
    t.page.on('request', (request) => {
      const url = new URL(request.url());
      if (listening && request.method() === 'GET' && url.pathname.startsWith(`${API}/`)) {
        asked.push(url.pathname + url.search);
      }
    });
    for (const path of [...DASHBOARD_PAGES, `customers/${encodeURIComponent(id)}`]) {
      // The customer's profile is not a page of the menu: it is about one customer.
      if (path.includes('/')) listening = false;
      await t.page.goto(`${t.demo.url}/${path}`);
      const states = await settledPage(t.page, path.includes('/') ? 'customer' : path);
      expect(
        Object.entries(states).filter(([, state]) => state === 'error'),
        path,
      ).toEqual([]);
      expect(t.browser.consoleErrors(), path).toEqual([]);
    }
    // A server that never served (this one) computes behind its start the cached answers the
    // pages ask on a first visit: the list holds exactly those, and a first visit asks nothing
    // about one item (a page asking one per row would leave them to the first visitor).
    const cached = new Set(
      asked.filter((request) => {
        const route = routeOf(new URL(request, t.demo.url).pathname);
        return route?.cached && !route.path.includes(':');
      }),
    );
    expect([...cached].sort()).toEqual([...FIRST_VISIT_REQUESTS].sort());
    const aboutOne = asked.filter((request) =>
      routeOf(new URL(request, t.demo.url).pathname)?.path.includes(':'),
    );
    expect(aboutOne).toEqual([]);
    // The Predictions page says there is no holdout check yet, as data, and offers to run one.
    await t.page.goto(`${t.demo.url}/predictions`);
    await settledWidgets(t.page, 'predictions');
    const card = t.page.locator('[data-widget="holdout-calibration"]');
    expect(await card.getAttribute('data-state')).toBe('empty');
    expect(await card.locator('[data-role="no-holdout"] strong').textContent()).toBe(
      'No holdout check yet.',
    );
    expect(await card.locator('[data-action="run-holdout"]').textContent()).toBe(
      'Run holdout check',
    );
    expect(t.browser.consoleErrors()).toEqual([]);
  });
});
