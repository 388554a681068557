import { describe, expect, it } from 'vitest';
import { FIRST_VISIT_REQUESTS } from '../../src/server/first-visit-requests.js';
import { apiRoutes } from '../../src/server/routes/index.js';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { DASHBOARD_PAGES } from './page-names.js';
import { settledPage } from './settled.js';

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

describe('the answers a server that never served computes behind its start', () => {
  const t = dashboardSession();

  it('are the cached answers the pages ask for on a first visit, and no other', async () => {
    const asked: string[] = [];
    t.page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'GET' && url.pathname.startsWith(`${API}/`)) {
        asked.push(url.pathname + url.search);
      }
    });
    for (const name of DASHBOARD_PAGES) {
      // Loaded afresh, as a newcomer's first visit: each page with its default filters.
      await t.page.goto(`${t.demo.url}/${name}`);
      await settledPage(t.page, name);
    }
    const cached = new Set(
      asked.filter((request) => {
        const route = routeOf(new URL(request, t.demo.url).pathname);
        return route?.cached && !route.path.includes(':');
      }),
    );
    expect([...cached].sort()).toEqual([...FIRST_VISIT_REQUESTS].sort());
    // Nothing about one item (a campaign, a customer): those answers depend on the data, and a
    // page that asked one per row would leave most of them to the first visitor.
    const aboutOne = asked.filter((request) =>
      routeOf(new URL(request, t.demo.url).pathname)?.path.includes(':'),
    );
    expect(aboutOne).toEqual([]);
  });
});
