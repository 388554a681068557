import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { downloadWidgetCsv } from './csv-download.js';

interface Kpi {
  value: number | null;
  previous: number | null;
  change: number | null;
  changePoints?: number | null;
  reason: string | null;
  previousReason: string | null;
  insufficientHistory: { value: boolean; previous: boolean };
  series?: { month: string; insufficientHistory: { value: boolean; yearEarlier: boolean } }[];
}
interface Metrics {
  kpis: Record<string, Kpi>;
}
interface Channels {
  channels: {
    channel: string;
    clvToCac: number | null;
    clvToCacBasis: string;
    clvHistoricToCac: number | null;
  }[];
}

// The demo shop's latest order is on 2026-10-31; "last 30 days" ends the day after.
const LAST_30_DAYS = 'from=2026-10-02&to=2026-11-01';
const BEFORE_ANY_DATA = 'from=2015-01-01&to=2015-02-01';

describe('numbers that explain themselves, in Chromium', () => {
  const t = dashboardSession();
  const card = (key: string) => t.page.locator(`[data-page="overview"] [data-kpi="${key}"]`);
  const open = async (search: string) => {
    await t.page.goto(`${t.demo.url}/overview?${search}`);
    await card('revenue').and(t.page.locator('[data-state="ready"]')).waitFor();
  };

  it('gives every "—" its reason on hover and in the table, and rates their change in pp', async () => {
    await open('range=last30');
    const api = await t.demo.api<Metrics>(`/metrics?${LAST_30_DAYS}&series=month`);
    // Thirty days hold no whole month: the rolling figures cannot answer, and say why.
    expect(api.kpis['churn']?.reason).toBe('no-full-month');
    const churn = card('churn').locator('[data-role="value"]');
    expect(await churn.textContent()).toBe('—');
    expect(await churn.getAttribute('title')).toBe('needs a full calendar month in the range');
    expect(await card('churn').locator('[data-role="reason"]').textContent()).toBe(
      'needs a full calendar month in the range',
    );
    // CAC: the demo's costs are monthly, none starts inside these 30 days.
    expect(api.kpis['cac']?.reason).toBe('no-spend');
    expect(await card('cac').locator('[data-role="value"]').getAttribute('title')).toBe(
      'no acquisition spend in the range',
    );
    // Cancel rate: the change in percentage points, as the API computes it.
    const cancel = api.kpis['cancelRate'];
    const points = cancel?.changePoints ?? NaN;
    expect(Number.isFinite(points)).toBe(true);
    const changeText = await card('cancelRate').locator('[data-role="change"]').textContent();
    const signed = new Intl.NumberFormat('en-US', {
      signDisplay: 'exceptZero',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }).format(points);
    expect(changeText).toContain(`${signed} pp`);
    // The relative change the glossary defines stays in the API, but is not what a rate shows.
    expect(cancel?.change).not.toBeCloseTo(points / 100, 3);
    expect(changeText).not.toMatch(/[+−-]\d+\.\d%/);
    // The table: each KPI in its unit, the reasons beside "—", the key in the CSV only.
    const table = t.page.locator('[data-widget="overview-kpis"] table');
    const headers = await table.locator('thead th').allTextContents();
    expect(headers).toEqual(['KPI', 'This period', 'Previous period', 'Change']);
    const row = (label: string) => table.locator('tbody tr', { hasText: label }).first();
    expect(await row('Monthly churn').locator('[data-column="value"]').textContent()).toBe(
      '— (needs a full calendar month in the range)',
    );
    const orders = await row('Orders').locator('[data-column="value"]').textContent();
    expect(orders).toBe((api.kpis['orders']?.value ?? NaN).toLocaleString('en-US'));
    expect(await row('Cancel rate').locator('[data-column="value"]').textContent()).toMatch(
      /^\d+\.\d%$/,
    );
    expect(await row('Revenue').locator('[data-column="value"]').textContent()).toMatch(/^€/);
    for (const label of ['CLV (rolling)', 'CLV (simple)', 'CLV (predicted)', 'CAC', 'CLV:CAC']) {
      expect(await row(label).count(), label).toBe(1);
    }
    // Every row in view: the table does not scroll inside its card.
    expect(await table.locator('tbody tr').count()).toBe(Object.keys(api.kpis).length);
    const clipped = await table.evaluate((el) => {
      const box = el.closest('.table-scroll');
      return box ? box.scrollHeight > box.clientHeight : true;
    });
    expect(clipped).toBe(false);
    const csv = await downloadWidgetCsv(t.page, 'overview-kpis');
    expect(csv.header.slice(0, 2)).toEqual(['KPI', 'Key']);
    const csvChurn = csv.rows.find((r) => r['Key'] === 'churn');
    expect(csvChurn?.['Why this period reads so']).toBe('needs a full calendar month in the range');
    expect(Number(csv.rows.find((r) => r['Key'] === 'cancelRate')?.['Change (pp)'])).toBe(points);
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('says "no orders in this period" instead of drawing zeros before any data', async () => {
    await open(`range=custom&${BEFORE_ANY_DATA}`);
    const api = await t.demo.api<Metrics>(`/metrics?${BEFORE_ANY_DATA}&series=month`);
    expect([api.kpis['revenue']?.value, api.kpis['revenue']?.reason]).toEqual([0, 'no-orders']);
    for (const key of ['revenue', 'orders', 'buyers']) {
      expect(await card(key).locator('[data-role="value"]').textContent(), key).toBe(
        'No orders in this period',
      );
    }
    // Predicted CLV does not depend on the range, and says as of when and how far it looks.
    const span = await t.page.locator('[data-role="prediction-span"]').textContent();
    expect(span).toMatch(/As of Oct 31, 2026, next 12 months\./);
    const note = await t.page.locator('[data-widget="overview-kpis"] .table-note').textContent();
    expect(note).toMatch(/^Predicted CLV: as of Oct 31, 2026, next 12 months\. It does not/);
    await screenshot(t.page, 'overview-before-any-data');
    // Trends draws no zero bars for it.
    await t.page.goto(`${t.demo.url}/trends?range=custom&${BEFORE_ANY_DATA}`);
    const revenue = t.page.locator('[data-widget="trend-revenue"]');
    await revenue.getByText('No orders in this period.').waitFor();
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('marks rolling CLV on too little history as such on Trends and the overview', async () => {
    const api = await t.demo.api<Metrics>('/metrics?series=month');
    const series = api.kpis['clvRolling']?.series ?? [];
    // The demo's first year: the same months a year earlier rest on it.
    expect(series.some((p) => p.insufficientHistory.yearEarlier)).toBe(true);
    await t.page.goto(`${t.demo.url}/trends`);
    const chart = t.page.locator('[data-widget="trend-clvRolling"]');
    await chart.locator('[data-role="short-history"]').waitFor();
    expect(await chart.locator('[data-role="short-history"]').textContent()).toMatch(
      /^Grey bars are left out of the scale\. Too little history:/,
    );
    // Revenue does not rest on churn: no such sentence.
    expect(
      await t.page.locator('[data-widget="trend-revenue"] [data-role="short-history"]').count(),
    ).toBe(0);
    await screenshot(t.page, 'trends-short-history');
    const csv = await downloadWidgetCsv(t.page, 'trend-clvRolling');
    const short = series.filter((p) => p.insufficientHistory.yearEarlier).map((p) => p.month);
    const noted = csv.rows
      .filter((r) => (r['Note'] ?? '').includes('a year earlier: too little history'))
      .map((r) => r['Month']);
    expect(noted).toEqual(short);
    for (const row of csv.rows.filter((r) => short.includes(r['Month'] ?? ''))) {
      expect(row['Change']).toBe('');
    }

    // The overview's CLV card compared with a year earlier: the comparison is marked, no change.
    const year = await t.demo.api<Metrics>('/metrics?series=month&compare=year');
    expect(year.kpis['clvRolling']?.insufficientHistory.previous).toBe(true);
    await t.page.goto(`${t.demo.url}/overview?compare=year&clv=rolling`);
    const clv = card('clvRolling');
    await clv.and(t.page.locator('[data-state="ready"]')).waitFor();
    expect(await clv.getAttribute('data-short-history')).toBe('previous');
    await screenshot(t.page, 'overview-short-history');
    expect(await clv.locator('[data-role="change"]').textContent()).toMatch(/^\s*—/);
    expect(await clv.locator('[data-role="short-history"]').textContent()).toMatch(
      /^Last year: Too little history/,
    );
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it("computes Channels' CLV:CAC as the overview does, historic beside it, labelled", async () => {
    const api = await t.demo.api<Channels>('/metrics/channels');
    const priced = api.channels.filter((c) => c.clvToCac !== null);
    expect(priced.length).toBeGreaterThan(0);
    // The demo's models are fitted: every ratio divides predicted CLV.
    expect(new Set(api.channels.map((c) => c.clvToCacBasis))).toEqual(new Set(['predicted']));
    await t.page.goto(`${t.demo.url}/channels`);
    await t.page.locator('[data-widget="channel-ratio"][data-state="ready"]').waitFor();
    await screenshot(t.page, 'channels-clv-basis');
    const csv = await downloadWidgetCsv(t.page, 'channel-ratio');
    expect(csv.header).toEqual([
      'Channel',
      'CLV:CAC (predicted CLV)',
      'Historic CLV:CAC',
      'Too little history',
    ]);
    for (const channel of api.channels) {
      const row = csv.rows.find((r) => r['Channel'] === channel.channel);
      const raw = (text: string | undefined) => (text ? Number(text) : null);
      expect([raw(row?.['CLV:CAC (predicted CLV)']), raw(row?.['Historic CLV:CAC'])]).toEqual([
        channel.clvToCac,
        channel.clvHistoricToCac,
      ]);
    }
    expect(t.browser.consoleErrors()).toEqual([]);
  });
});
