import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { dashboardSession } from '../helpers/dashboard-session.js';

interface Status {
  lastRefresh: { refreshId: number; startedAt: string } | null;
}

describe('a server with keys, in Chromium', () => {
  // Before signing in, and with a wrong key, the API answers 401: that is the point here.
  const t = dashboardSession({ keys: true }, { expectedFailures: [/\/api\/v1\/status$/] });

  const keys = () => {
    if (!t.demo.keys) throw new Error('the demo server has no keys');
    return t.demo.keys;
  };

  it('asks for a key, refuses a wrong one, and shows the dashboard for a read key', async () => {
    await t.page.goto(`${t.demo.url}/overview`);
    const form = t.page.locator('[data-testid="sign-in"]');
    await form.waitFor();
    await screenshot(t.page, 'sign-in');
    await form.locator('input[name="key"]').fill(`${keys().read.slice(0, -4)}AAAA`);
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => form.locator('[role="alert"]').textContent()).toMatch(/key/i);

    await form.locator('input[name="key"]').fill(keys().read);
    await form.locator('button[type="submit"]').click();
    await t.page.locator('[data-kpi="revenue"][data-state="ready"]').waitFor();
    // A read key may not refresh: no button for it.
    expect(await t.page.locator('[data-action="refresh"]').count()).toBe(0);
    // The key stays for the tab: a reload needs no new sign-in.
    await t.page.reload();
    await t.page.locator('[data-kpi="revenue"][data-state="ready"]').waitFor();
    expect(await t.page.evaluate('sessionStorage.getItem("clv.apiKey")')).toBe(keys().read);
  });

  it('lets an admin refresh, and shows the new refresh time', async () => {
    await t.page.getByRole('button', { name: 'Sign out' }).click();
    const form = t.page.locator('[data-testid="sign-in"]');
    await form.locator('input[name="key"]').fill(keys().admin);
    await form.locator('button[type="submit"]').click();
    const refresh = t.page.locator('[data-action="refresh"]');
    await refresh.waitFor();
    const before = await t.demo.api<Status>('/status');
    expect(before.lastRefresh?.refreshId).toBe(1);
    const shownBefore = await t.page.locator('[data-role="last-refresh"]').getAttribute('title');
    expect(shownBefore).toBe(before.lastRefresh?.startedAt);
    await refresh.click();
    // The refresh runs in the server: beside a full test run it once took over 30 s.
    await expect
      .poll(() => t.page.locator('[data-role="last-refresh"]').getAttribute('title'), {
        timeout: 90_000,
      })
      .not.toBe(shownBefore);
    const after = await t.demo.api<Status>('/status');
    expect(after.lastRefresh?.refreshId).toBe(2);
    expect(await t.page.locator('[data-role="last-refresh"]').getAttribute('title')).toBe(
      after.lastRefresh?.startedAt,
    );
    await t.page.locator('[data-kpi="revenue"][data-state="ready"]').waitFor();
    expect(t.browser.consoleErrors()).toEqual([]);
  }, 150_000);

  it('follows a refresh made elsewhere without a reload', async () => {
    const shown = await t.page.locator('[data-role="last-refresh"]').getAttribute('title');
    const response = await fetch(`${t.demo.url}/api/v1/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys().admin}` },
    });
    expect(response.status).toBe(200);
    const after = await t.demo.api<Status>('/status');
    expect(after.lastRefresh?.refreshId).toBe(3);
    // The dashboard asks for the status every 15 s and then for everything else.
    await expect
      .poll(() => t.page.locator('[data-role="last-refresh"]').getAttribute('title'), {
        timeout: 25_000,
      })
      .toBe(after.lastRefresh?.startedAt);
    expect(after.lastRefresh?.startedAt).not.toBe(shown);
    await t.page.locator('[data-kpi="revenue"][data-state="ready"]').waitFor();
    expect(t.browser.consoleErrors()).toEqual([]);
  });
});
