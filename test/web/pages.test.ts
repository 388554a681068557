import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { downloadWidgetCsv } from './csv-download.js';
import { settledWidgets } from './settled.js';

interface Deciles {
  deciles: { decile: number; customers: number; revenue: number; share: number }[];
}
interface Series {
  month: string;
  value: number | null;
  yearEarlier: number | null;
}
interface Metrics {
  kpis: Record<string, { value: number | null; series?: Series[] }>;
  segments?: {
    segment: string;
    customers: number;
    kpis: Record<string, { value: number | null }>;
  }[];
}

/** The part of a canvas element the heatmap check reads (the tests compile without the DOM). */
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  } | null;
}

const PAGES = [
  ['Trends', 'trends'],
  ['Segments', 'segments'],
  ['Deciles', 'deciles'],
  ['Cohorts', 'cohorts'],
  ['Predictions', 'predictions'],
  ['Channels', 'channels'],
  ['Customers', 'customers'],
  ['Survey', 'survey'],
  ['Query', 'query'],
] as const;

/** Widgets that stay empty until the user acts: a query's result before its first run. */
const UNTIL_USED: Record<string, readonly string[]> = { query: ['query-result'] };

describe('every page of the dashboard in Chromium', () => {
  const t = dashboardSession();

  const settled = (name: string) => settledWidgets(t.page, name);
  const number = (text: string | undefined) => Number(text);

  it('reaches every page from the navigation, by keyboard too, each widget with its data', async () => {
    await t.page.goto(`${t.demo.url}/overview`);
    await t.page.locator('[data-kpi="revenue"][data-state="ready"]').waitFor();
    for (const [title, name] of PAGES) {
      const link = t.page
        .getByRole('navigation', { name: 'Pages' })
        .getByRole('link', { name: title });
      // Half the pages by mouse, half by keyboard (focus and Enter).
      if (name.length % 2 === 0) await link.click();
      else {
        await link.focus();
        await t.page.keyboard.press('Enter');
      }
      await t.page.waitForURL(new RegExp(`/${name}$`));
      const states = await settled(name);
      expect(Object.keys(states).length, name).toBeGreaterThan(0);
      expect(
        Object.entries(states).filter(
          ([widget, state]) =>
            state !== 'ready' && !(state === 'empty' && UNTIL_USED[name]?.includes(widget)),
        ),
        name,
      ).toEqual([]);
      expect(await t.page.locator('h1').first().textContent()).toContain(title);
      await screenshot(t.page, name);
    }
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('downloads the deciles as CSV with the API’s rows, for revenue and for predicted CLV', async () => {
    await t.page.goto(`${t.demo.url}/deciles`);
    await settled('deciles');
    for (const by of ['revenue', 'predicted'] as const) {
      if (by === 'predicted') {
        await t.page.locator('[data-action="decile-by"][data-by="predicted"]').click();
        await settled('deciles');
      }
      const api = await t.demo.api<Deciles>(`/metrics/deciles?by=${by}`);
      const csv = await downloadWidgetCsv(t.page, 'decile-table');
      expect(csv.fileName).toBe('decile-table.csv');
      expect(csv.rows).toHaveLength(10);
      expect(csv.rows.map((r) => number(r['Decile']))).toEqual(api.deciles.map((d) => d.decile));
      expect(csv.rows.map((r) => number(r['Customers']))).toEqual(
        api.deciles.map((d) => d.customers),
      );
      expect(csv.rows.map((r) => number(r['Share']))).toEqual(api.deciles.map((d) => d.share));
      // Raw values, not formatted text: the revenue column is the API's number.
      const revenue = csv.header[2] ?? '';
      expect(csv.rows.map((r) => number(r[revenue]))).toEqual(api.deciles.map((d) => d.revenue));
    }
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('draws the cohort heatmap in graded colours (its modules load on demand)', async () => {
    await t.page.goto(`${t.demo.url}/cohorts`);
    await settled('cohorts');
    const canvases = t.page.locator('[data-widget="cohort-retention"] canvas');
    await canvases.first().waitFor();
    // Distinct blues drawn in the chart's layers (ECharts draws big series on a layer of their
    // own): one flat colour, or none, would mean the colour scale is missing.
    await expect
      .poll(
        () =>
          canvases.evaluateAll((elements) => {
            const seen = new Set<number>();
            for (const element of elements as unknown as Canvas[]) {
              const context = element.getContext('2d');
              if (!context) continue;
              const { data } = context.getImageData(0, 0, element.width, element.height);
              for (let i = 0; i < data.length; i += 4 * 7) {
                const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
                if (b > r + 40 && b > g) seen.add((r >> 3) * 1024 + (g >> 3) * 32 + (b >> 3));
              }
            }
            return seen.size;
          }),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(20);
  });

  it('shows a trend as a table, and its CSV holds the API’s monthly series', async () => {
    await t.page.goto(`${t.demo.url}/trends`);
    await settled('trends');
    const card = t.page.locator('[data-widget="trend-revenue"]');
    await card.locator('[data-action="toggle-table"]').click();
    const api = await t.demo.api<Metrics>('/metrics?series=month');
    const series = api.kpis['revenue']?.series ?? [];
    expect(series).toHaveLength(12);
    await expect.poll(() => card.locator('tbody tr').count()).toBe(series.length);
    expect(await card.locator('tbody tr').first().locator('td').first().textContent()).toBe(
      series[0]?.month,
    );
    const csv = await downloadWidgetCsv(t.page, 'trend-revenue');
    expect(csv.header).toEqual([
      'Month',
      'This period',
      'Same month a year earlier',
      'Change',
      'Note',
    ]);
    expect(csv.rows.map((r) => r['Month'])).toEqual(series.map((s) => s.month));
    expect(csv.rows.map((r) => number(r['This period']))).toEqual(series.map((s) => s.value));
    expect(csv.rows.map((r) => number(r['Same month a year earlier']))).toEqual(
      series.map((s) => s.yearEarlier),
    );
  });

  it('puts each segment group’s KPIs side by side as the API splits them', async () => {
    await t.page.goto(`${t.demo.url}/segments`);
    await settled('segments');
    await t.page.selectOption('select[name="segmentation"]', 'sms');
    await t.page.waitForURL(/segment=sms/);
    await settled('segments');
    const api = await t.demo.api<Metrics>('/metrics?segment=sms');
    for (const group of api.segments ?? []) {
      for (const key of ['revenue', 'retentionRate', 'clvHistoric']) {
        const cell = t.page.locator(
          `[data-widget="segment-kpis"] tr[data-kpi="${key}"] td[data-group="${group.segment}"]`,
        );
        expect(
          number((await cell.getAttribute('data-value')) ?? ''),
          `${group.segment} ${key}`,
        ).toBe(group.kpis[key]?.value);
      }
    }
    expect(api.segments?.map((s) => s.segment)).toEqual(['subscribed', 'not subscribed']);
  });

  it('shows the fitted model, the NPS and the channels as the API has them', async () => {
    await t.page.goto(`${t.demo.url}/predictions`);
    await settled('predictions');
    const model = await t.demo.api<{ purchase: { parameters: Record<string, number> } }>('/model');
    const r = t.page.locator('[data-widget="model-parameters"] [data-fact="purchase.r"]');
    expect(number((await r.getAttribute('data-value')) ?? '')).toBe(model.purchase.parameters['r']);
    const holdout = await t.demo.api<{ groups: { customers: number; actual: number }[] }>(
      '/model/holdout',
    );
    const calibration = await downloadWidgetCsv(t.page, 'holdout-calibration');
    expect(calibration.rows.map((row) => number(row['Customers']))).toEqual(
      holdout.groups.map((g) => g.customers),
    );
    expect(calibration.rows.map((row) => number(row['Actual mean purchases']))).toEqual(
      holdout.groups.map((g) => g.actual),
    );

    await t.page.goto(`${t.demo.url}/survey`);
    await settled('survey');
    const nps = await t.demo.api<{ nps: number }>('/metrics/nps');
    const shown = t.page.locator('[data-widget="nps-score"] [data-kpi="nps"] [data-role="value"]');
    expect(number((await shown.getAttribute('data-value')) ?? '')).toBe(nps.nps);

    await t.page.goto(`${t.demo.url}/channels`);
    await settled('channels');
    const channels = await t.demo.api<{ channels: { channel: string; clvToCac: number | null }[] }>(
      '/metrics/channels',
    );
    const table = await downloadWidgetCsv(t.page, 'channel-table');
    expect(table.rows.map((row) => row['Channel'])).toEqual(
      channels.channels.map((c) => c.channel),
    );
    expect(
      table.rows.map((row) => (row['CLV:CAC'] === '' ? null : number(row['CLV:CAC']))),
    ).toEqual(channels.channels.map((c) => c.clvToCac));
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('finds a customer, opens the profile and shows the API’s figures', async () => {
    await t.page.goto(`${t.demo.url}/customers`);
    await settled('customers');
    await t.page.locator('input[name="q"]').fill('C00981');
    await t.page.locator('[data-action="search"]').click();
    await t.page.waitForURL(/q=C00981/);
    await settled('customers');
    const found = await t.demo.api<{ total: number }>('/customers?q=C00981');
    expect(
      await t.page.locator('[data-widget="customer-results"] [data-role="range"]').textContent(),
    ).toContain(`of ${found.total}`);
    await t.page.locator('a[data-customer-id="C009810"]').click();
    await t.page.waitForURL(/\/customers\/C009810$/);
    await settled('customer');
    const profile = await t.demo.api<{
      historic: { revenue: number };
      prediction: { predictedClv: number; predictedClvLow: number; pAlive: number };
      timeline: { total: number };
    }>('/customers/C009810?eventsLimit=25');
    const field = async (name: string) =>
      number(
        (await t.page.locator(`[data-field="${name}"]`).first().getAttribute('data-value')) ?? '',
      );
    expect(await field('historicClv')).toBe(profile.historic.revenue);
    expect(await field('predictedClv')).toBe(profile.prediction.predictedClv);
    expect(await field('predictedClvLow')).toBe(profile.prediction.predictedClvLow);
    expect(await field('pAlive')).toBe(profile.prediction.pAlive);
    const events = t.page.locator('[data-widget="customer-timeline"] tr[data-event-id]');
    expect(await events.count()).toBe(Math.min(25, profile.timeline.total));
    await screenshot(t.page, 'customer-profile');

    // A long history: the page shows 25 events, the CSV has all of them, in the API's order.
    await t.page.goto(`${t.demo.url}/customers/C001808`);
    await settled('customer');
    const all = await t.demo.api<{ timeline: { total: number; items: { eventId: string }[] } }>(
      '/customers/C001808?eventsLimit=500',
    );
    expect(all.timeline.total).toBeGreaterThan(25);
    // The page is already "customer" and its widgets settled for the customer before: wait
    // until the timeline shows this customer's newest event.
    await expect
      .poll(() => events.first().getAttribute('data-event-id'), { timeout: 30_000 })
      .toBe(all.timeline.items[0]?.eventId);
    expect(await events.count()).toBe(25);
    const csv = await downloadWidgetCsv(t.page, 'customer-timeline');
    expect(csv.fileName).toBe('customer-timeline.csv');
    expect(csv.rows.map((row) => row['Event'])).toEqual(
      all.timeline.items.map((event) => event.eventId),
    );
    expect(t.browser.consoleErrors()).toEqual([]);
  });
});
