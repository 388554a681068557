import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { settledWidgets } from './settled.js';

interface Metrics {
  period: { from: string; to: string };
  kpis: Record<string, { series?: { yearEarlier: number | null }[] }>;
}
interface Status {
  holdoutRunningSince: string | null;
}
interface Holdout {
  holdoutFrom: string;
}
interface Profile {
  consents: { category: string; granted: boolean; since: string | null }[];
}

/** Every page, its title, and whether its numbers compare with another period. */
const PAGES = [
  ['overview', 'Overview', true],
  ['dashboards', 'Dashboards', false],
  ['trends', 'Trends', true],
  ['segments', 'Segments', true],
  ['deciles', 'Deciles', false],
  ['cohorts', 'Cohorts', false],
  ['predictions', 'Predictions', false],
  ['channels', 'Channels', false],
  ['customers', 'Customers', false],
  ['survey', 'Survey', false],
  ['query', 'Query', false],
] as const;

describe('the dashboard’s screens and controls in Chromium', () => {
  const t = dashboardSession();
  const period = () =>
    t.page.locator('[data-role="period"] [data-period-from]').evaluate((e) => ({
      from: e.getAttribute('data-period-from'),
      to: e.getAttribute('data-period-to'),
    }));

  // Run in the page, as text: the tests compile without the DOM's types.
  const focused = () =>
    t.page.evaluate<string | null>('document.activeElement?.getAttribute("name") ?? null');

  it('opens a custom date range by mouse, starting from the period shown, and applies it', async () => {
    await t.page.goto(`${t.demo.url}/overview`);
    await settledWidgets(t.page, 'overview');
    const shown = await t.demo.api<Metrics>('/metrics');
    expect(await t.page.locator('input[name="from"]').count()).toBe(0);
    await t.page.locator('select[name="range"]').selectOption('custom');
    // The fields appear and hold the period shown until then; the choice does not snap back.
    await expect.poll(() => t.page.locator('select[name="range"]').inputValue()).toBe('custom');
    expect(await t.page.locator('input[name="from"]').inputValue()).toBe(shown.period.from);
    expect(await t.page.locator('input[name="to"]').inputValue()).toBe(shown.period.to);
    await t.page.locator('input[name="from"]').fill('2026-02-01');
    await t.page.locator('input[name="to"]').fill('2026-05-01');
    await t.page.getByRole('button', { name: 'Apply' }).click();
    await t.page.waitForURL(/range=custom&from=2026-02-01&to=2026-05-01/);
    await settledWidgets(t.page, 'overview');
    expect(await period()).toEqual({ from: '2026-02-01', to: '2026-05-01' });
    expect(await t.page.locator('select[name="range"]').inputValue()).toBe('custom');
    // Days out of order cannot be applied, and say why.
    await t.page.locator('input[name="to"]').fill('2026-01-01');
    expect(await t.page.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    expect(await t.page.locator('.custom-range [role="status"]').textContent()).toBe(
      'Pick two days, the first before the second.',
    );
    await screenshot(t.page, 'custom-range');
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('opens and applies a custom date range by keyboard alone', async () => {
    await t.page.goto(`${t.demo.url}/trends?range=last30`);
    await settledWidgets(t.page, 'trends');
    const range = t.page.locator('select[name="range"]');
    await range.focus();
    // Last 30 days → Last 90 days → Year to date → Custom.
    for (let i = 0; i < 3; i += 1) await t.page.keyboard.press('ArrowDown');
    await expect.poll(() => range.inputValue()).toBe('custom');
    await t.page.keyboard.press('Tab');
    expect(await focused()).toBe('from');
    // Chromium's date field in en-US: month, day, year.
    await t.page.keyboard.type('03012026');
    // Tab walks the date field's parts (how many depends on the last one typed), then on.
    for (let i = 0; i < 4 && (await focused()) !== 'to'; i += 1) await t.page.keyboard.press('Tab');
    expect(await focused()).toBe('to');
    await t.page.keyboard.type('06012026');
    await t.page.keyboard.press('Enter');
    await t.page.waitForURL(/\/trends\?range=custom&from=2026-03-01&to=2026-06-01$/);
    await settledWidgets(t.page, 'trends');
    expect(await period()).toEqual({ from: '2026-03-01', to: '2026-06-01' });
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('titles every page and shows “Compare with” only where it changes the numbers', async () => {
    for (const [path, title, compares] of PAGES) {
      await t.page.goto(`${t.demo.url}/${path}`);
      await settledWidgets(t.page, path);
      expect(await t.page.title(), path).toBe(`${title} · CLV dashboard`);
      expect(await t.page.locator('h1').first().textContent(), path).toBe(title);
      expect(await t.page.locator('select[name="compare"]').count(), path).toBe(compares ? 1 : 0);
    }
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('says under each sparkline which line is which', async () => {
    await t.page.goto(`${t.demo.url}/overview`);
    await settledWidgets(t.page, 'overview');
    const api = await t.demo.api<Metrics>('/metrics?series=month');
    const revenue = api.kpis['revenue']?.series ?? [];
    expect(revenue.some((p) => p.yearEarlier !== null)).toBe(true);
    expect(
      await t.page.locator('[data-kpi="revenue"] [data-role="sparkline-legend"]').textContent(),
    ).toBe(' by month ·  a year earlier');
  });

  it('lets a customer list run down the page, and reads consents as sentences', async () => {
    await t.page.goto(`${t.demo.url}/customers`);
    await settledWidgets(t.page, 'customers');
    const box = t.page.locator('[data-widget="customer-results"] .table-scroll');
    const { client, scroll } = await box.evaluate((e) => ({
      client: e.clientHeight,
      scroll: e.scrollHeight,
    }));
    // 25 rows are taller than the old 480 px box and now need no scrolling of their own.
    expect(client).toBeGreaterThan(480);
    expect(scroll).toBeLessThanOrEqual(client);

    const profiles = t.page.locator('[data-widget="customer-results"] a[data-customer-id]');
    const id = (await profiles.first().getAttribute('data-customer-id')) ?? '';
    const { consents } = await t.demo.api<Profile>(`/customers/${encodeURIComponent(id)}`);
    expect(consents.length).toBeGreaterThan(0);
    await profiles.first().click();
    await t.page.locator('[data-widget="customer-consents"]').waitFor();
    expect(await t.page.title()).toBe(`Customer ${id} · CLV dashboard`);
    const day = (iso: string) =>
      new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${iso.slice(0, 10)}T00:00:00Z`),
      );
    for (const consent of consents) {
      const row = t.page.locator(`[data-field="consent.${consent.category}"]`);
      const state = consent.granted ? 'subscribed' : 'not subscribed';
      expect(await row.textContent(), consent.category).toBe(
        consent.since ? `${state} since ${day(consent.since)}` : `${state} (never answered)`,
      );
    }
    const labels = await t.page.locator('[data-widget="customer-consents"] dt').allTextContents();
    expect(labels.every((label) => /^[A-Z].*:$/.test(label))).toBe(true);
    await screenshot(t.page, 'customer-consents');
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('lets an admin run a new holdout check whenever they like, one at a time', async () => {
    await t.page.goto(`${t.demo.url}/predictions`);
    await settledWidgets(t.page, 'predictions');
    const before = await t.demo.api<Holdout>('/model/holdout');
    const card = t.page.locator('[data-widget="holdout-calibration"]');
    const button = card.locator('[data-action="run-holdout"]');
    expect(await button.textContent()).toBe('Run a new holdout check');

    // A check started elsewhere (another admin, a script): this one is refused, by name.
    const elsewhere = fetch(`${t.demo.url}/api/v1/model/holdout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ holdoutFrom: '2026-04-01' }),
    });
    t.browser.expectFailure('/api/v1/model/holdout');
    await expect
      .poll(() => t.demo.api<Status>('/status').then((s) => s.holdoutRunningSince))
      .not.toBeNull();
    // This page asked for the status before: it offers the button, and the server refuses.
    await button.click();
    const alert = card.locator('[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^a holdout check is already running \(started /);
    // Opened now, the page shows the other run as pending and offers no second one.
    // The other run may end before the page loads; then the page must offer the button again.
    await t.page.reload();
    await settledWidgets(t.page, 'predictions');
    const progress = (await card.locator('[data-role="holdout-progress"]').textContent()) ?? '';
    if (progress === '') {
      expect(await button.isDisabled()).toBe(false);
    } else {
      expect(progress).toMatch(
        /^A holdout check started at .* elsewhere is running \(\d+ s so far\)/,
      );
      expect(await button.isDisabled()).toBe(true);
    }
    expect((await elsewhere).status).toBe(200);
    await t.page.reload();
    await expect.poll(() => button.isDisabled()).toBe(false);

    // Once it is done, this page runs its own, shows that it runs, and then its result.
    await card.locator('input[name="holdoutFrom"]').fill('2026-06-01');
    await button.click();
    await expect.poll(() => button.textContent()).toBe('Running…');
    expect(await card.locator('[data-role="holdout-progress"]').textContent()).toMatch(
      /^Fitting the purchase model on the orders before 2026-06-01 .* \d+ s so far\./,
    );
    await expect
      .poll(() => t.demo.api<Holdout>('/model/holdout').then((h) => h.holdoutFrom), {
        timeout: 60_000,
      })
      .toBe('2026-06-01');
    await expect
      .poll(() => button.textContent(), { timeout: 30_000 })
      .toBe('Run a new holdout check');
    await expect
      .poll(() => card.locator('.subtitle').textContent())
      .toContain('checked Jun 1, 2026 –');
    expect(before.holdoutFrom).not.toBe('2026-06-01');
    expect(
      t.browser.consoleErrors().filter((e) => !e.includes('409') && !e.includes('/model/holdout')),
    ).toEqual([]);
  });
});
