import { expect, test } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { dashboardSession } from '../helpers/dashboard-session.js';

interface Status {
  lastRefresh: { refreshId: number; events: number } | null;
}

// Chromium asks for /favicon.ico on every document; the API's JSON pages do not link the
// dashboard's icon, so that request gets a 404.
const t = dashboardSession({}, { expectedFailures: [/\/favicon\.ico$/] });

test('Chromium reaches clv serve on the refreshed demo shop', async () => {
  const response = await t.page.goto(`${t.demo.url}/api/v1/status`);
  if (!response) throw new Error('no response to the navigation');
  expect(response.status()).toBe(200);
  const status = (await response.json()) as Status;
  expect(status.lastRefresh?.refreshId).toBe(1);
  expect(status.lastRefresh?.events).toBeGreaterThan(0);
  expect((await t.demo.api<Status>('/status')).lastRefresh?.refreshId).toBe(1);

  // Chromium draws the page: a PNG comes back (kept as a file only with CLV_SCREENSHOTS=1).
  const png = await t.page.screenshot();
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.length).toBeGreaterThan(1000);
  await screenshot(t.page, 'api-status');
  expect(t.browser.consoleErrors()).toEqual([]);
});
