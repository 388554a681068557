import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { dashboardSession } from '../helpers/dashboard-session.js';

describe('a project that was never refreshed, in Chromium', () => {
  // Every report answers 409 until the first refresh: the pages must say so, not break.
  const t = dashboardSession(
    { empty: true },
    { expectedFailures: [/\/api\/v1\/(metrics|model|customers)/] },
  );

  it('explains on the overview that a refresh is needed', async () => {
    await t.page.goto(`${t.demo.url}/overview`);
    const alert = t.page.locator('[data-page="overview"] [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Not refreshed yet.*run clv refresh first/);
    expect(await t.page.locator('[data-role="last-refresh"]').textContent()).toBe(
      'Not refreshed yet',
    );
    await screenshot(t.page, 'overview-not-refreshed');
  });

  it('shows an error state, never a broken chart, on every report page', async () => {
    for (const name of ['trends', 'deciles', 'cohorts', 'channels', 'survey', 'predictions']) {
      await t.page.goto(`${t.demo.url}/${name}`);
      await t.page.locator(`[data-page="${name}"]`).waitFor();
      // Every widget settles in the error (or empty) state.
      await expect
        .poll(() => t.page.locator('[data-widget][data-state="loading"]').count(), {
          timeout: 15_000,
        })
        .toBe(0);
      const states = await t.page
        .locator('[data-widget]')
        .evaluateAll((elements) => elements.map((e) => e.getAttribute('data-state')));
      expect(states.length).toBeGreaterThan(0);
      expect(states.filter((s) => s !== 'error' && s !== 'empty')).toEqual([]);
    }
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('answers an unknown address with a page that says so', async () => {
    await t.page.goto(`${t.demo.url}/no-such-page`);
    await t.page.locator('[data-page="not-found"]').waitFor();
    expect(await t.page.locator('h1').textContent()).toBe('Page not found');
  });
});
