import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { downloadWidgetCsv } from './csv-download.js';
import { mismatches, readShown, shownKpis } from './kpi-text.js';

interface Kpi {
  value: number | null;
  previous: number | null;
}
interface Metrics {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  kpis: Record<string, Kpi>;
  segments?: { segment: string; kpis: Record<string, Kpi> }[];
}

// The demo shop's latest order is on 2026-10-31: presets end the day after.
const LAST_30_DAYS = 'from=2026-10-02&to=2026-11-01';

describe('the overview in Chromium', () => {
  const t = dashboardSession();

  const ready = async () => {
    await t.page
      .locator('[data-page="overview"] [data-kpi="revenue"][data-state="ready"]')
      .waitFor();
  };

  it('shows every KPI as the API computes it for the default period', async () => {
    await t.page.goto(`${t.demo.url}/`);
    await ready();
    // `/` leads to the overview.
    expect(new URL(t.page.url()).pathname).toBe('/overview');
    const api = await t.demo.api<Metrics>('/metrics?series=month');
    const shown = await shownKpis(t.page);
    expect(Object.keys(shown)).toEqual(
      expect.arrayContaining(['clvPredicted', 'revenue', 'apv', 'retentionRate', 'churn']),
    );
    expect(Object.keys(shown).length).toBeGreaterThanOrEqual(15);
    expect(mismatches(shown, api.kpis)).toEqual([]);
    expect(shown['revenue']).toBe('€2,001,973');
    const period = t.page.locator('[data-role="period"] [data-period-from]');
    expect(await period.getAttribute('data-period-from')).toBe(api.period.from);
    expect(await period.getAttribute('data-period-to')).toBe(api.period.to);
    // The change and the comparison value of a card follow the API too.
    const change = await t.page.locator('[data-kpi="revenue"] [data-role="change"]').textContent();
    expect(change).toContain(
      `+${(((api.kpis['revenue']?.value ?? 0) / (api.kpis['revenue']?.previous ?? 1) - 1) * 100).toFixed(1)}%`,
    );
    // The same figures as a CSV: every KPI of the API, raw values.
    const csv = await downloadWidgetCsv(t.page, 'overview-kpis');
    expect(csv.fileName).toBe('overview-kpis.csv');
    expect(csv.header.slice(0, 5)).toEqual([
      'KPI',
      'Key',
      'This period',
      'Previous period',
      'Change',
    ]);
    expect(csv.rows.map((row) => row['Key'])).toEqual(Object.keys(api.kpis));
    const raw = (text: string | undefined) =>
      text === '' || text === undefined ? null : Number(text);
    for (const row of csv.rows) {
      const kpi = api.kpis[row['Key'] ?? ''];
      expect([raw(row['This period']), raw(row['Previous period'])], row['Key']).toEqual([
        kpi?.value,
        kpi?.previous,
      ]);
    }
    await screenshot(t.page, 'overview');
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('switches the CLV method and explains the formula with its inputs', async () => {
    await t.page.locator('[data-action="clv-method"][data-method="clvRolling"]').click();
    await t.page.waitForURL(/clv=rolling/);
    const card = t.page.locator('[data-kpi="clvRolling"][data-state="ready"]');
    await card.waitFor();
    const api = await t.demo.api<Metrics>('/metrics?series=month');
    const shown = readShown((await card.locator('[data-role="value"]').textContent()) ?? '');
    expect(
      Math.abs((shown.value ?? 0) - (api.kpis['clvRolling']?.value ?? NaN)),
    ).toBeLessThanOrEqual(shown.tolerance);
    const formula = await card.locator('[data-role="formula"]').textContent();
    expect(formula).toMatch(
      /^Rolling CLV = mean monthly ARPU \/ mean monthly churn = €16\.72 \/ 3\.2% = €526\.87/,
    );
  });

  it('follows a new date range and the comparison with last year', async () => {
    const before = await shownKpis(t.page);
    await t.page.selectOption('select[name="range"]', 'last30');
    await t.page.waitForURL(/range=last30/);
    await ready();
    const api = await t.demo.api<Metrics>(`/metrics?${LAST_30_DAYS}&series=month`);
    const shown = await shownKpis(t.page);
    expect(mismatches(shown, api.kpis)).toEqual([]);
    expect(shown['revenue']).not.toBe(before['revenue']);
    expect(await t.page.locator('[data-period-from]').getAttribute('data-period-from')).toBe(
      '2026-10-02',
    );

    await t.page.selectOption('select[name="compare"]', 'year');
    await t.page.waitForURL(/compare=year/);
    await ready();
    const lastYear = await t.demo.api<Metrics>(
      `/metrics?${LAST_30_DAYS}&series=month&compare=year`,
    );
    expect(lastYear.previousPeriod).toEqual({ from: '2025-10-02', to: '2025-11-01' });
    const previous = await t.page.locator('[data-kpi="revenue"] .kpi-previous').textContent();
    const money = Math.round(lastYear.kpis['revenue']?.previous ?? NaN).toLocaleString('en-US');
    expect(previous).toBe(`Last year: €${money}`);
    await screenshot(t.page, 'overview-last-30-days');
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('shows one segment group when chosen, as the API splits it', async () => {
    await t.page.selectOption('select[name="segment"]', 'email|subscribed');
    await t.page.waitForURL(/segment=email&group=subscribed/);
    await ready();
    const api = await t.demo.api<Metrics>(
      `/metrics?${LAST_30_DAYS}&series=month&compare=year&segment=email`,
    );
    const subscribed = api.segments?.find((s) => s.segment === 'subscribed')?.kpis ?? {};
    const shown = await shownKpis(t.page);
    expect(mismatches(shown, subscribed)).toEqual([]);
    expect(readShown(shown['buyers'] ?? '').value).toBeLessThan(api.kpis['buyers']?.value ?? 0);
    // An attribute's groups come from the API when the list is first opened: one country.
    await t.page.locator('select[name="segment"]').focus();
    await t.page.selectOption('select[name="segment"]', 'attribute:country|DE');
    await t.page.waitForURL(/segment=attribute%3Acountry&group=DE/);
    await ready();
    const countries = await t.demo.api<Metrics>(
      `/metrics?${LAST_30_DAYS}&series=month&compare=year&segment=attribute:country`,
    );
    const germany = countries.segments?.find((s) => s.segment === 'DE')?.kpis ?? {};
    expect(mismatches(await shownKpis(t.page), germany)).toEqual([]);
    expect(
      await t.page
        .locator('select[name="segment"] option[value="attribute:country|DE"]')
        .textContent(),
    ).toMatch(/^DE \([\d,]+\)$/);
    // The address holds the whole selection: a reload shows the same figures.
    const chosen = await shownKpis(t.page);
    await t.page.reload();
    await ready();
    expect(await shownKpis(t.page)).toEqual(chosen);
    expect(t.browser.consoleErrors()).toEqual([]);
  });
});
