import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type BrowserSession } from '../helpers/browser.js';
import { servedDemo, type ServedDemo } from '../helpers/served-demo.js';

describe('a project that was never refreshed, in Chromium', () => {
  let demo: ServedDemo;
  let browser: BrowserSession;
  let page: Page;
  beforeAll(async () => {
    demo = await servedDemo({ empty: true });
    // Every report answers 409 until the first refresh: the pages must say so, not break.
    browser = await launchBrowser({ expectedFailures: [/\/api\/v1\/(metrics|model|customers)/] });
    page = await browser.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('explains on the overview that a refresh is needed', async () => {
    await page.goto(`${demo.url}/overview`);
    const alert = page.locator('[data-page="overview"] [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Not refreshed yet.*run clv refresh first/);
    expect(await page.locator('[data-role="last-refresh"]').textContent()).toBe(
      'Not refreshed yet',
    );
    await screenshot(page, 'overview-not-refreshed');
  });

  it('shows an error state, never a broken chart, on every report page', async () => {
    for (const name of ['trends', 'deciles', 'cohorts', 'channels', 'survey', 'predictions']) {
      await page.goto(`${demo.url}/${name}`);
      await page.locator(`[data-page="${name}"]`).waitFor();
      // Every widget settles in the error (or empty) state.
      await expect
        .poll(() => page.locator('[data-widget][data-state="loading"]').count(), {
          timeout: 15_000,
        })
        .toBe(0);
      const states = await page
        .locator('[data-widget]')
        .evaluateAll((elements) => elements.map((e) => e.getAttribute('data-state')));
      expect(states.length).toBeGreaterThan(0);
      expect(states.filter((s) => s !== 'error' && s !== 'empty')).toEqual([]);
    }
    expect(browser.consoleErrors()).toEqual([]);
  });

  it('answers an unknown address with a page that says so', async () => {
    await page.goto(`${demo.url}/no-such-page`);
    await page.locator('[data-page="not-found"]').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Page not found');
  });
});
