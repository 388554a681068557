import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { downloadWidgetCsv } from './csv-download.js';
import { settledWidgets } from './settled.js';

interface Widget {
  id: string;
  title: string;
  source: { kind: string; queryId?: string; audienceId?: string; kpi?: string };
  visual: { type: string; x?: string; y?: string[] };
}
interface Dashboard {
  id: string;
  version: number;
  title: string;
  widgets: Widget[];
}
interface Metrics {
  kpis: Record<string, { value: number | null; previous: number | null }>;
  segments?: { segment: string; kpis: Record<string, { value: number | null }> }[];
}
interface QueryRun {
  columns: { name: string }[];
  rows: (string | number | null)[][];
}

const DASHBOARD_URL = /\/dashboards\/(dsh_[0-9a-f]{10})(\?.*)?$/;

/** The id of the dashboard the page shows, from its address. */
const openedId = (page: Page) => DASHBOARD_URL.exec(page.url())?.[1] ?? '';

/** Waits for the dashboard's widgets (all of `ids`) to be drawn and settled. */
async function settledDashboard(page: Page, ids: readonly string[]) {
  for (const id of ids) await page.locator(`[data-widget="${id}"]`).waitFor();
  return settledWidgets(page, 'dashboard');
}

/** Adds a widget in the composer: `choose` picks its source and encoding; waits for the preview. */
async function composeWidget(page: Page, choose: () => Promise<void>) {
  await page.locator('[data-action="add-widget"]').click();
  await page.locator('[data-role="composer"]').waitFor();
  await choose();
  await page.locator('[data-widget="composer-preview"][data-state="ready"]').waitFor();
  await page.locator('[data-action="place-widget"]').click();
  await page.locator('[data-role="composer"]').waitFor({ state: 'detached' });
}

describe('the Dashboards page in Chromium', () => {
  const t = dashboardSession();

  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${t.demo.url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.ok, `${path}: ${response.status}`).toBe(true);
    return (await response.json()) as T;
  };

  it('composes a KPI, a saved query’s bars and an audience’s size; saved and reloaded, each shows the API’s figures', async () => {
    await t.page.setViewportSize({ width: 1280, height: 1000 });
    await t.page.goto(`${t.demo.url}/dashboards`);
    await settledWidgets(t.page, 'dashboards');
    await t.page.locator('[data-action="new-dashboard"]').click();
    await t.page.waitForURL(DASHBOARD_URL);
    const id = openedId(t.page);
    // A new dashboard opens in Edit mode.
    await t.page.locator('input[name="dashboard-title"]').fill('Three widgets');

    const queries = await t.demo.api<{ queries: { id: string; name: string }[] }>('/queries');
    const summary = queries.queries.find((q) => q.name === 'CLV deciles summary');
    expect(summary).toBeDefined();
    const audiences = await t.demo.api<{ audiences: { id: string; name: string }[] }>('/audiences');
    const audience = audiences.audiences[0];
    expect(audience).toBeDefined();

    // 1. A KPI card: revenue, against the previous period.
    await composeWidget(t.page, async () => {
      await t.page.selectOption('select[name="source-kind"]', 'kpi');
      await t.page.selectOption('select[name="source-kpi"]', 'revenue');
    });
    // 2. The saved query's deciles as bars: customers per decile.
    await composeWidget(t.page, async () => {
      await t.page.selectOption('select[name="source-kind"]', 'query');
      await t.page.selectOption('select[name="source-query"]', summary?.id ?? '');
      await t.page.locator('[data-widget="composer-preview"][data-state="ready"]').waitFor();
      await t.page.selectOption('select[name="visual-type"]', 'bar');
      await t.page.selectOption('select[name="visual-x"]', 'decile');
      const y = t.page.locator('input[name="visual-y"]');
      for (const box of await y.all()) {
        if ((await box.getAttribute('value')) === 'customers') await box.check();
        else await box.uncheck();
      }
      await t.page.locator('[data-widget="composer-preview"][data-state="ready"]').waitFor();
      await screenshot(t.page, 'dashboard-composer');
    });
    // 3. An audience's members per day as a line.
    await composeWidget(t.page, async () => {
      await t.page.selectOption('select[name="source-kind"]', 'audience');
      await t.page.selectOption('select[name="source-audience"]', audience?.id ?? '');
      await t.page.locator('[data-widget="composer-preview"][data-state="ready"]').waitFor();
      await t.page.selectOption('select[name="visual-type"]', 'line');
    });
    await settledDashboard(t.page, ['w-1', 'w-2', 'w-3']);
    await screenshot(t.page, 'dashboard-editing');

    // Undo brings back a removed widget (by the button and by Ctrl-Z), redo removes it again.
    await t.page.locator('[data-widget="w-3"] [data-action="remove-widget"]').click();
    await t.page.locator('[data-widget="w-3"]').waitFor({ state: 'detached' });
    await t.page.locator('[data-action="undo"]').click();
    await t.page.locator('[data-widget="w-3"]').waitFor();
    await t.page.locator('[data-action="redo"]').click();
    await t.page.locator('[data-widget="w-3"]').waitFor({ state: 'detached' });
    await t.page.locator('h2').first().click();
    await t.page.keyboard.press('Control+z');
    await t.page.locator('[data-widget="w-3"]').waitFor();

    await t.page.locator('[data-action="save"]').click();
    await t.page.locator('[data-action="edit"]').waitFor();
    const saved = await t.demo.api<Dashboard>(`/dashboards/${id}`);
    expect(saved.title).toBe('Three widgets');
    expect(saved.widgets.map((w) => [w.id, w.source.kind, w.visual.type])).toEqual([
      ['w-1', 'kpi', 'kpi'],
      ['w-2', 'query', 'bar'],
      ['w-3', 'audience', 'line'],
    ]);

    await t.page.reload();
    const states = await settledDashboard(t.page, ['w-1', 'w-2', 'w-3']);
    expect(states).toMatchObject({ 'w-1': 'ready', 'w-2': 'ready', 'w-3': 'ready' });
    expect(await t.page.locator('h1').textContent()).toBe('Three widgets');
    // No edit controls outside Edit mode.
    expect(await t.page.locator('[data-action="remove-widget"]').count()).toBe(0);

    const metrics = await t.demo.api<Metrics>('/metrics');
    const kpi = t.page.locator('[data-widget="w-1"]');
    expect(Number(await kpi.locator('[data-role="value"]').getAttribute('data-value'))).toBe(
      metrics.kpis['revenue']?.value,
    );
    expect(Number(await kpi.locator('[data-role="previous"]').getAttribute('data-value'))).toBe(
      metrics.kpis['revenue']?.previous,
    );

    const run = await post<QueryRun>(`/queries/${summary?.id ?? ''}/run`, {});
    const at = (name: string) => run.columns.findIndex((c) => c.name === name);
    const bars = await downloadWidgetCsv(t.page, 'w-2');
    expect(bars.fileName).toBe('w-2.csv');
    expect(bars.rows.map((r) => [Number(r['decile']), Number(r['customers'])])).toEqual(
      run.rows.map((row) => [row[at('decile')], row[at('customers')]]),
    );

    const history = await t.demo.api<{ days: { day: string; members: number }[] }>(
      `/audiences/${audience?.id ?? ''}/history`,
    );
    expect(history.days.length).toBeGreaterThan(0);
    const line = await downloadWidgetCsv(t.page, 'w-3');
    expect(line.rows.map((r) => [r['Day'], Number(r['Members'])])).toEqual(
      history.days.map((d) => [d.day, d.members]),
    );
    await screenshot(t.page, 'dashboard');

    // The address overrides the dashboard's filters, so a link shares the view.
    await t.page.goto(`${t.demo.url}/dashboards/${id}?segment=email&group=subscribed`);
    await settledDashboard(t.page, ['w-1']);
    const bySegment = await t.demo.api<Metrics>('/metrics?segment=email');
    const subscribed = bySegment.segments?.find((s) => s.segment === 'subscribed');
    expect(Number(await kpi.locator('[data-role="value"]').getAttribute('data-value'))).toBe(
      subscribed?.kpis['revenue']?.value,
    );
    expect(await t.page.locator('select[name="segment"]').inputValue()).toBe('email|subscribed');
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('moves and resizes widgets in Edit mode only, and undoes a move', async () => {
    const list = await t.demo.api<{ dashboards: { id: string; title: string }[] }>('/dashboards');
    const id = list.dashboards.find((d) => d.title === 'Three widgets')?.id ?? '';
    await t.page.goto(`${t.demo.url}/dashboards/${id}`);
    await settledDashboard(t.page, ['w-1', 'w-2', 'w-3']);
    const box = async (widget: string) => {
      const b = await t.page.locator(`[data-cell="${widget}"]`).boundingBox();
      if (!b) throw new Error(`${widget} is not on screen`);
      return b;
    };
    /** Drags from a point of a widget (its title, its resize corner) by dx, dy pixels. */
    const drag = async (selector: string, dx: number, dy: number) => {
      const handle = await t.page.locator(selector).boundingBox();
      if (!handle) throw new Error(`${selector} is not on screen`);
      const [x, y] = [handle.x + Math.min(20, handle.width / 2), handle.y + handle.height / 2];
      await t.page.mouse.move(x, y);
      await t.page.mouse.down();
      await t.page.mouse.move(x + dx, y + dy, { steps: 12 });
      await t.page.mouse.up();
    };
    const start = await box('w-3');
    // Viewing, the grid stands still.
    await drag('[data-widget="w-3"] h2', 620, 0);
    expect(await box('w-3')).toEqual(start);
    // That drag selected the title's text; a selection would drag as text next time.
    await t.page.evaluate('window.getSelection()?.removeAllRanges()');

    await t.page.locator('[data-action="edit"]').click();
    await drag('[data-widget="w-3"] h2', 620, 0);
    await expect.poll(async () => (await box('w-3')).x).toBeGreaterThan(start.x + 300);
    await t.page.locator('[data-action="undo"]').click();
    await expect.poll(async () => (await box('w-3')).x).toBe(start.x);
    await t.page.locator('[data-action="redo"]').click();
    await expect.poll(async () => (await box('w-3')).x).toBeGreaterThan(start.x + 300);
    const tall = (await box('w-1')).height;
    await drag('[data-cell="w-1"] .react-resizable-handle', 0, 150);
    await expect.poll(async () => (await box('w-1')).height).toBeGreaterThan(tall + 100);

    await t.page.locator('[data-action="save"]').click();
    await t.page.locator('[data-action="edit"]').waitFor();
    const saved = await t.demo.api<{ widgets: { id: string; layout: { x: number; h: number } }[] }>(
      `/dashboards/${id}`,
    );
    const layouts = Object.fromEntries(saved.widgets.map((w) => [w.id, w.layout]));
    expect(layouts['w-3']?.x).toBe(6);
    expect(layouts['w-1']?.h).toBeGreaterThan(4);
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('makes a dashboard from a template, every widget with its data', async () => {
    await t.page.goto(`${t.demo.url}/dashboards`);
    await settledWidgets(t.page, 'dashboards');
    const templates = await t.demo.api<{
      templates: { key: string; title: string; dashboard: { widgets: Widget[] } }[];
    }>('/dashboards/templates');
    const template = templates.templates.find((tp) => tp.key === 'clv-deciles');
    const ids = template?.dashboard.widgets.map((w) => w.id) ?? [];
    expect(ids.length).toBeGreaterThan(2);
    await t.page.locator('[data-template="clv-deciles"] [data-action="from-template"]').click();
    await t.page.waitForURL(DASHBOARD_URL);
    const states = await settledDashboard(t.page, ids);
    expect(Object.fromEntries(ids.map((id) => [id, states[id]]))).toEqual(
      Object.fromEntries(ids.map((id) => [id, 'ready'])),
    );
    expect(await t.page.locator('h1').textContent()).toBe(template?.title);
    const deciles = await t.demo.api<{ deciles: { decile: number; revenue: number }[] }>(
      '/metrics/deciles',
    );
    const csv = await downloadWidgetCsv(t.page, 'decile-customers');
    expect(csv.rows.map((r) => [Number(r['Decile']), Number(r['Revenue'])])).toEqual(
      deciles.deciles.map((d) => [d.decile, d.revenue]),
    );
    await screenshot(t.page, 'dashboard-template');
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('exports a dashboard as JSON and imports it back; a bad file says what is wrong', async () => {
    await t.page.goto(`${t.demo.url}/dashboards`);
    await settledWidgets(t.page, 'dashboards');
    const list = await t.demo.api<{ dashboards: { id: string; title: string }[] }>('/dashboards');
    const first = list.dashboards.find((d) => d.title === 'Three widgets');
    expect(first).toBeDefined();
    const row = t.page.locator(`[data-actions="${first?.id ?? ''}"]`);
    const [download] = await Promise.all([
      t.page.waitForEvent('download'),
      row.locator('[data-action="export"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe('dashboard-three-widgets.json');
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as Dashboard;
    expect(exported).toEqual(await t.demo.api<Dashboard>(`/dashboards/${first?.id ?? ''}`));

    await t.page.locator('input[name="import"]').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({ ...exported, widgets: [{ ...exported.widgets[0], layout: { x: 20 } }] }),
      ),
    });
    const problems = t.page.locator('[data-role="import-problems"] li');
    await problems.first().waitFor();
    expect(await problems.allTextContents()).toContain(
      'widgets 1 › layout › x: Too big: expected number to be <=11',
    );

    await t.page.locator('input[name="import"]').setInputFiles({
      name: 'board.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...exported, title: 'Imported board' })),
    });
    await t.page.waitForURL(DASHBOARD_URL);
    const imported = openedId(t.page);
    expect(imported).not.toBe(first?.id);
    await settledDashboard(t.page, ['w-1', 'w-2', 'w-3']);
    expect(await t.page.locator('h1').textContent()).toBe('Imported board');
    const copy = await t.demo.api<Dashboard>(`/dashboards/${imported}`);
    expect(copy.widgets).toEqual(exported.widgets);
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('duplicates and deletes (after a confirm) from the list', async () => {
    await t.page.goto(`${t.demo.url}/dashboards`);
    await settledWidgets(t.page, 'dashboards');
    const before = await t.demo.api<{ dashboards: { id: string; title: string }[] }>('/dashboards');
    const board = before.dashboards.find((d) => d.title === 'Imported board');
    const row = (id: string) => t.page.locator(`[data-actions="${id}"]`);
    await row(board?.id ?? '')
      .locator('[data-action="duplicate"]')
      .click();
    const copyLink = t.page.getByRole('link', { name: 'Imported board (copy)' });
    await copyLink.waitFor();
    const copyId = (await copyLink.getAttribute('data-dashboard')) ?? '';
    await row(copyId).locator('[data-action="delete"]').click();
    await row(copyId).locator('[data-action="cancel-delete"]').click();
    expect(await copyLink.count()).toBe(1);
    await row(copyId).locator('[data-action="delete"]').click();
    await row(copyId).locator('[data-action="confirm-delete"]').click();
    await copyLink.waitFor({ state: 'detached' });
    const after = await t.demo.api<{ dashboards: { id: string }[] }>('/dashboards');
    expect(after.dashboards.map((d) => d.id).sort()).toEqual(
      before.dashboards.map((d) => d.id).sort(),
    );
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('says when someone else saved in between, and reloads their version', async () => {
    const list = await t.demo.api<{ dashboards: { id: string; title: string }[] }>('/dashboards');
    const id = list.dashboards.find((d) => d.title === 'Imported board')?.id ?? '';
    await t.page.goto(`${t.demo.url}/dashboards/${id}`);
    await settledDashboard(t.page, ['w-1']);
    await t.page.locator('[data-action="edit"]').click();
    await t.page.locator('input[name="dashboard-title"]').fill('Mine');
    const stored = await t.demo.api<Dashboard & Record<string, unknown>>(`/dashboards/${id}`);
    await post(`/dashboards/${id}`, {
      title: 'Theirs',
      description: stored['description'],
      filters: stored['filters'],
      widgets: stored.widgets,
      version: stored.version,
    });
    t.browser.expectFailure(new RegExp(`/api/v1/dashboards/${id}$`));
    await t.page.locator('[data-action="save"]').click();
    await t.page.locator('[data-role="conflict"]').waitFor();
    await t.page.locator('[data-action="reload"]').click();
    await expect.poll(() => t.page.locator('h1').textContent()).toBe('Theirs');
  });

  it('opens with the dashboard’s own period and segment, in the address and the filter bar', async () => {
    const made = await post<Dashboard>('/dashboards', {
      title: 'Subscribers in spring',
      description: '',
      filters: { from: '2026-02-01', to: '2026-05-01', segment: 'email|subscribed' },
      widgets: [
        {
          id: 'orders',
          title: 'Orders',
          layout: { x: 0, y: 0, w: 4, h: 4 },
          source: { kind: 'kpi', kpi: 'orders' },
          visual: { type: 'kpi' },
        },
      ],
    });
    await t.page.goto(`${t.demo.url}/dashboards/${made.id}`);
    await t.page.waitForURL(
      /range=custom&from=2026-02-01&to=2026-05-01&segment=email&group=subscribed$/,
    );
    await settledDashboard(t.page, ['orders']);
    expect(await t.page.locator('select[name="range"]').inputValue()).toBe('custom');
    expect(await t.page.locator('input[name="from"]').inputValue()).toBe('2026-02-01');
    expect(await t.page.locator('select[name="segment"]').inputValue()).toBe('email|subscribed');
    const api = await t.demo.api<Metrics>('/metrics?from=2026-02-01&to=2026-05-01&segment=email');
    const value = api.segments?.find((s) => s.segment === 'subscribed')?.kpis['orders']?.value;
    await expect
      .poll(() =>
        t.page.locator('[data-widget="orders"] [data-role="value"]').getAttribute('data-value'),
      )
      .toBe(String(value));
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('says why a widget shows nothing: its saved query gone, an SQL error, no data in the period', async () => {
    const queries = await t.demo.api<{ queries: { id: string; name: string }[] }>('/queries');
    const idOf = (name: string) => queries.queries.find((q) => q.name === name)?.id ?? '';
    const widget = (id: string, x: number, source: unknown) => ({
      id,
      title: id,
      layout: { x, y: 0, w: 4, h: 6 },
      source,
      visual: { type: 'table' },
    });
    const made = await post<Dashboard>('/dashboards', {
      title: 'Nothing to show',
      description: '',
      filters: { from: null, to: null, segment: null },
      widgets: [
        widget('gone', 0, { kind: 'query', queryId: 'qry_0000000000', params: {} }),
        widget('failing', 4, {
          kind: 'query',
          queryId: idOf('CLV deciles'),
          params: { lookback_days: { value: 'a year' } },
        }),
        widget('no-data', 8, {
          kind: 'query',
          queryId: idOf('CLV decile share over time'),
          params: { from: { value: '1990-01-01' }, to: { value: '1990-02-01' } },
        }),
      ],
    });
    t.browser.expectFailure('/api/v1/queries/qry_0000000000');
    t.browser.expectFailure(`/api/v1/queries/${idOf('CLV deciles')}/run`);
    await t.page.goto(`${t.demo.url}/dashboards/${made.id}`);
    const states = await settledDashboard(t.page, ['gone', 'failing', 'no-data']);
    expect(states).toMatchObject({ gone: 'empty', failing: 'error', 'no-data': 'empty' });
    const reason = (id: string) =>
      t.page.locator(`[data-widget="${id}"] [data-role="reason"]`).textContent();
    expect(await reason('gone')).toBe(
      'The saved query no longer exists: it was deleted or renamed.',
    );
    expect(await reason('no-data')).toBe('No data for this period and segment.');
    // The engine's own words, never a blank card.
    expect(await t.page.locator('[data-widget="failing"] [role="alert"]').innerText()).toMatch(
      /Could not load this\n.+/,
    );
  });
});

describe('the Dashboards page for a reader, in Chromium', () => {
  const t = dashboardSession({ keys: true }, { expectedFailures: [/\/api\/v1\/status$/] });

  it('lists and shows dashboards with no control to change them', async () => {
    const keys = t.demo.keys;
    if (!keys) throw new Error('the demo server has no keys');
    const response = await fetch(`${t.demo.url}/api/v1/dashboards`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ template: 'retention-by-consent' }),
    });
    expect(response.status).toBe(201);
    const made = (await response.json()) as Dashboard;

    await t.page.goto(`${t.demo.url}/dashboards`);
    const form = t.page.locator('[data-testid="sign-in"]');
    await form.locator('input[name="key"]').fill(keys.read);
    await form.locator('button[type="submit"]').click();
    await settledWidgets(t.page, 'dashboards');
    for (const action of ['new-dashboard', 'import', 'from-template', 'duplicate', 'delete']) {
      expect(await t.page.locator(`[data-action="${action}"]`).count(), action).toBe(0);
    }
    await t.page.locator(`a[data-dashboard="${made.id}"]`).click();
    const states = await settledDashboard(
      t.page,
      made.widgets.map((w) => w.id),
    );
    expect(Object.values(states).filter((s) => s === 'error')).toEqual([]);
    for (const action of ['edit', 'add-widget', 'save', 'remove-widget']) {
      expect(await t.page.locator(`[data-action="${action}"]`).count(), action).toBe(0);
    }
    // A reader may still take the JSON.
    expect(await t.page.locator('[data-action="export"]').count()).toBe(1);
    expect(t.browser.consoleErrors()).toEqual([]);
  });
});
