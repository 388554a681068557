import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, screenshot, type BrowserSession } from '../helpers/browser.js';
import { servedDemo, type ServedDemo } from '../helpers/served-demo.js';

interface Status {
  lastRefresh: { refreshId: number; events: number } | null;
}

let demo: ServedDemo | undefined;
let browser: BrowserSession | undefined;

// The first test file of a run builds the cached demo store (a few seconds), hence the limit.
beforeAll(async () => {
  demo = await servedDemo();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

test('Chromium reaches clv serve on the refreshed demo shop', async () => {
  if (!demo || !browser) throw new Error('beforeAll did not finish');
  // Chromium asks for a favicon on every document; the API has none (the dashboard will).
  browser.expectFailure(`${demo.url}/favicon.ico`);
  const page = await browser.newPage();
  const response = await page.goto(`${demo.url}/api/v1/status`);
  if (!response) throw new Error('no response to the navigation');
  expect(response.status()).toBe(200);
  const status = (await response.json()) as Status;
  expect(status.lastRefresh?.refreshId).toBe(1);
  expect(status.lastRefresh?.events).toBeGreaterThan(0);
  expect((await demo.api<Status>('/status')).lastRefresh?.refreshId).toBe(1);

  expect(existsSync(await screenshot(page, 'api-status'))).toBe(true);
  expect(browser.consoleErrors()).toEqual([]);
});
