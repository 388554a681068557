import { describe, expect, it } from 'vitest';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { downloadWidgetCsv } from './csv-download.js';
import { mismatches, shownKpis } from './kpi-text.js';
import { settledWidgets } from './settled.js';

interface Attributes {
  attributes: {
    name: string;
    configured: boolean;
    values: { value: string; customers: number }[];
  }[];
}
interface Figures {
  orders: number;
  value: number;
}
interface Outcomes {
  months: {
    month: string;
    success: Figures;
    canceled: Figures;
    returned: Figures;
    cancelRate: number | null;
    returnRate: number | null;
  }[];
}
interface Metrics {
  segments?: {
    segment: string;
    kpis: Record<string, { value: number | null; previous: number | null }>;
  }[];
}

describe('drill-downs and order outcomes in Chromium', () => {
  const t = dashboardSession();
  const settled = (name: string) => settledWidgets(t.page, name);

  it('offers every attribute of the store in the segment filter, configured ones first', async () => {
    await t.page.goto(`${t.demo.url}/overview`);
    await settled('overview');
    const api = await t.demo.api<Attributes>('/metrics/attributes');
    // The demo configures country and acquisition_channel; its customers also have signup_date.
    expect(api.attributes.map((a) => [a.name, a.configured])).toEqual([
      ['country', true],
      ['acquisition_channel', true],
      ['signup_date', false],
    ]);
    const select = t.page.locator('select[name="segment"]');
    await select.focus();
    const groups = select.locator('optgroup');
    await expect
      .poll(() => groups.evaluateAll((els) => els.map((e) => e.getAttribute('label'))))
      .toEqual([
        'Email subscribers',
        'SMS subscribers',
        'Country',
        'Acquisition channel',
        'Signup date',
      ]);
    expect(await groups.nth(1).locator('option').allTextContents()).toEqual([
      'SMS subscribers',
      'Not SMS subscribers',
    ]);
    // An attribute's options: its top ten values as labels with their customers, then other.
    const channels = api.attributes[1]?.values ?? [];
    const count = (n: number) => n.toLocaleString('en-US');
    await expect
      .poll(() => groups.nth(3).locator('option').allTextContents())
      .toEqual([
        ...channels.map((v) => `${v.value.replace(/_/g, ' ')} (${count(v.customers)})`),
        'other',
      ]);
    // A value of an attribute no drill-down names filters the overview like any other.
    const day = api.attributes[2]?.values[0]?.value ?? '';
    await t.page.selectOption('select[name="segment"]', `attribute:signup_date|${day}`);
    await t.page.waitForURL(/segment=attribute%3Asignup_date/);
    await settled('overview');
    await t.page.locator('[data-kpi="revenue"][data-state="ready"]').waitFor();
    const metrics = await t.demo.api<Metrics>(
      '/metrics?series=month&segment=attribute:signup_date',
    );
    const group = metrics.segments?.find((s) => s.segment === day)?.kpis ?? {};
    expect(Object.keys(group).length).toBeGreaterThan(10);
    expect(mismatches(await shownKpis(t.page), group)).toEqual([]);
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('labels the groups on the Segments page, links each to the overview, keeps raw values in the CSV', async () => {
    await t.page.goto(`${t.demo.url}/segments?segment=attribute:acquisition_channel`);
    await settled('segments');
    const options = await t.page
      .locator('select[name="segmentation"] option')
      .evaluateAll((els) => els.map((e) => e.getAttribute('value')));
    expect(options).toEqual([
      'email',
      'sms',
      'attribute:country',
      'attribute:acquisition_channel',
      'attribute:signup_date',
    ]);
    const header = t.page.locator('[data-widget="segment-kpis"] th[data-group="paid_search"]');
    expect(await header.textContent()).toBe('paid search');
    const link = header.locator('a');
    expect(await link.getAttribute('href')).toBe(
      '/overview?segment=attribute%3Aacquisition_channel&group=paid_search',
    );
    const csv = await downloadWidgetCsv(t.page, 'segment-kpis');
    expect(csv.header).toContain('paid_search');
    await link.click();
    await t.page.waitForURL(
      /\/overview\?segment=attribute%3Aacquisition_channel&group=paid_search/,
    );
    await settled('overview');
    // The filter shows the chosen group once the attributes' values have come.
    await expect
      .poll(() => t.page.locator('select[name="segment"]').inputValue())
      .toBe('attribute:acquisition_channel|paid_search');
    // The other group ("other") links too, and the consent groups read in words.
    await t.page.goto(`${t.demo.url}/segments?segment=sms`);
    await settled('segments');
    const sms = t.page.locator('[data-widget="segment-kpis"] th[data-group="not subscribed"]');
    expect(await sms.textContent()).toBe('Not SMS subscribers');
    expect(await sms.locator('a').getAttribute('href')).toBe(
      '/overview?segment=sms&group=not+subscribed',
    );
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('charts order outcomes by month on Trends and the overview, as the API counts them', async () => {
    const api = await t.demo.api<Outcomes>('/metrics/order-outcomes');
    expect(api.months).toHaveLength(12);
    for (const [path, page, widget] of [
      ['/trends', 'trends', 'trend-order-outcomes'],
      ['/overview', 'overview', 'overview-order-outcomes'],
    ] as const) {
      await t.page.goto(`${t.demo.url}${path}`);
      // The chart mounts once its page has its period: wait for it before "nothing loading".
      await t.page.locator(`[data-widget="${widget}"]`).waitFor();
      const states = await settled(page);
      expect(states[widget]).toBe('ready');
      const csv = await downloadWidgetCsv(t.page, widget);
      expect(csv.fileName).toBe(`${widget}.csv`);
      expect(csv.rows.map((r) => r['Month'])).toEqual(api.months.map((m) => m.month));
      const column = (label: string) => csv.rows.map((r) => Number(r[label]));
      expect(column('Successful orders')).toEqual(api.months.map((m) => m.success.orders));
      expect(column('Canceled value')).toEqual(api.months.map((m) => m.canceled.value));
      expect(column('Returned orders')).toEqual(api.months.map((m) => m.returned.orders));
      expect(column('Cancel rate')).toEqual(api.months.map((m) => m.cancelRate));
    }
    // The value view is a click away.
    await t.page.locator('[data-widget="overview-order-outcomes"] [data-method="value"]').click();
    expect(
      await t.page
        .locator('[data-widget="overview-order-outcomes"] [data-method="value"]')
        .getAttribute('aria-checked'),
    ).toBe('true');
    expect(t.browser.consoleErrors()).toEqual([]);
  });
});
