import { describe, expect, it } from 'vitest';
import { runClv } from '../helpers/run-cli.js';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { settledPage, settledWidgets } from './settled.js';
import { DASHBOARD_PAGES } from './page-names.js';

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
  const t = dashboardSession({ shop: freshDemo });

  it('shows every page without a console error or a failed request', async () => {
    expect(await t.demo.api<unknown>('/model/holdout')).toBeNull();
    const top = await t.demo.api<TopCustomers>('/customers/top?limit=1');
    const id = top.items[0]?.customerId ?? '';
    for (const path of [...DASHBOARD_PAGES, `customers/${encodeURIComponent(id)}`]) {
      await t.page.goto(`${t.demo.url}/${path}`);
      const states = await settledPage(t.page, path.includes('/') ? 'customer' : path);
      expect(
        Object.entries(states).filter(([, state]) => state === 'error'),
        path,
      ).toEqual([]);
      expect(t.browser.consoleErrors(), path).toEqual([]);
    }
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
