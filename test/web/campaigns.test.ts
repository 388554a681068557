import { describe, expect, it } from 'vitest';
import type { CampaignList, CampaignReport } from '../../src/campaigns/campaign-types.js';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { downloadWidgetCsv } from './csv-download.js';
import { settledWidgets } from './settled.js';

/** A widget's table as the page shows it: each row's raw cell values by column. */
const cellsOf = (widget: string) => `
  [...document.querySelectorAll('[data-widget="${widget}"] tbody tr')].map((tr) =>
    Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [
      td.getAttribute('data-column'), { value: td.getAttribute('data-value'), text: td.textContent },
    ])))`;

type Cells = Record<string, { value: string; text: string }>[];
const raw = (value: number | null) => (value === null ? '' : String(value));

// The demo as served: the figures on the Campaigns page and a campaign's page are the API's
// (whatever the demo's campaigns hold: with control groups or without).
describe('the Campaigns page in Chromium', () => {
  const t = dashboardSession();

  it('shows every campaign of the API with its figures and lift', async () => {
    await t.page.setViewportSize({ width: 1280, height: 900 });
    await t.page.goto(`${t.demo.url}/campaigns`);
    const states = await settledWidgets(t.page, 'campaigns');
    const list = await t.demo.api<CampaignList>('/campaigns');
    expect(list.campaigns.length).toBeGreaterThan(0);
    expect(states['campaign-list']).toBe('ready');
    expect(states['winback']).toBe(list.winback.length > 0 ? 'ready' : 'empty');
    const rows = (await t.page.evaluate(cellsOf('campaign-list'))) as Cells;
    expect(rows.map((r) => r['id']?.value)).toEqual(list.campaigns.map((c) => c.id));
    for (const [i, c] of list.campaigns.entries()) {
      const row = rows[i] ?? {};
      expect(
        ['recipients', 'openRate', 'clickRate', 'attributedRevenue', 'revenuePerRecipient'].map(
          (key) => row[key]?.value,
        ),
        c.id,
      ).toEqual(
        [c.recipients, c.openRate, c.clickRate, c.attributedRevenue, c.revenuePerRecipient].map(
          raw,
        ),
      );
      // Each lift says whether it is significant; each absent one says why.
      const lift = row['lift']?.text ?? '';
      for (const l of c.lift) {
        expect(lift).toContain(l.conversion.significant ? ', significant' : 'not significant');
      }
      for (const a of c.liftAbsent) expect(lift).toContain(a.message);
    }
    // Emails opened by audience and campaign: the newest email campaign's opens per audience,
    // drawn from the list's funnel rows, which are the campaign report's.
    const email = list.campaigns.find((c) => c.channels.includes('email'));
    expect(states['campaign-opened']).toBe(email ? 'ready' : 'empty');
    if (email) {
      const report = await t.demo.api<CampaignReport>(`/campaigns/${encodeURIComponent(email.id)}`);
      const opened = await downloadWidgetCsv(t.page, 'campaign-opened');
      expect(
        opened.rows
          .filter((r) => r['Campaign'] === email.id)
          .map((r) => [r['Audience'], r['Opened (customers)']]),
      ).toEqual(
        report.funnel
          .filter((f) => f.channel === 'email')
          .map((f) => [f.audience.name, String(f.opened)]),
      );
    }
    const csv = await downloadWidgetCsv(t.page, 'campaign-list');
    expect(csv.fileName).toBe('campaign-list.csv');
    expect(csv.rows.map((r) => [r['Campaign'], r['Recipients']])).toEqual(
      list.campaigns.map((c) => [c.id, String(c.recipients)]),
    );
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it("shows a campaign's funnel and lift as the API does, on a phone too", async () => {
    const list = await t.demo.api<CampaignList>('/campaigns');
    // A campaign with a lift when the demo has one, else the newest.
    const id = (list.campaigns.find((c) => c.lift.length > 0) ?? list.campaigns[0])?.id ?? '';
    await t.page.locator(`[data-widget="campaign-list"] a[data-campaign="${id}"]`).click();
    await t.page.waitForURL(new RegExp(`/campaigns/${encodeURIComponent(id)}$`));
    // The page shows its widgets once the report has come.
    await t.page.locator('[data-widget="campaign-funnel"]').waitFor();
    const states = await settledWidgets(t.page, 'campaign');
    const report = await t.demo.api<CampaignReport>(`/campaigns/${encodeURIComponent(id)}`);
    expect(states['campaign-funnel']).toBe('ready');

    await t.page.locator('[data-widget="campaign-funnel"] [data-action="toggle-table"]').click();
    const funnel = (await t.page.evaluate(cellsOf('campaign-funnel'))) as Cells;
    const c = report.campaign;
    expect(funnel.map((r) => [r['stage']?.value, r['customers']?.value])).toEqual(
      (
        [
          ['Sent', c.sent],
          ['Delivered', c.delivered],
          ['Opened', c.opened],
          ['Clicked', c.clicked],
          ['Unsubscribed', c.unsubscribed],
          ['Bounced', c.bounced],
        ] as const
      ).map(([stage, n]) => [stage, String(n)]),
    );

    const lift = t.page.locator('[data-widget="campaign-lift-conversion"]');
    if (c.lift.length === 0) {
      expect(states['campaign-lift-conversion']).toBe('empty');
      for (const a of c.liftAbsent) expect(await lift.innerText()).toContain(a.message);
    } else {
      expect(states['campaign-lift-conversion']).toBe('ready');
      await lift.locator('[data-action="toggle-table"]').click();
      const cells = (await t.page.evaluate(cellsOf('campaign-lift-conversion'))) as Cells;
      expect(cells.map((r) => [r['difference']?.value, r['low']?.value, r['high']?.value])).toEqual(
        c.lift.map((l) => [l.conversion.value, l.conversion.low, l.conversion.high].map(raw)),
      );
      // Under the chart, each audience's lift says whether it is significant.
      const lines = lift.locator('[data-role="lift-lines"] li[data-audience]');
      expect(
        await lines.evaluateAll((els) => els.map((e) => e.getAttribute('data-significant'))),
      ).toEqual(c.lift.map((l) => String(l.conversion.significant)));
    }
    const opened = c.channels.includes('email') ? 'ready' : 'empty';
    expect(states['campaign-opened']).toBe(opened);

    // At phone width nothing scrolls sideways, once the charts have redrawn at the new width:
    // they follow their boxes on the next frame, which a busy machine may not have drawn yet.
    await t.page.setViewportSize({ width: 390, height: 844 });
    await settledWidgets(t.page, 'campaign');
    // Run in the page, as text: the tests compile without the DOM's types.
    const wide = () =>
      t.page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
    await expect.poll(wide, { timeout: 10_000 }).toBe(0);
    expect(t.browser.consoleErrors()).toEqual([]);
  });
});
