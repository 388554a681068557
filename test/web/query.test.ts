import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE } from '../../src/config/project.js';
import { screenshot } from '../helpers/browser.js';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { downloadWidgetCsv } from './csv-download.js';
import { settledWidgets } from './settled.js';

interface QueryAnswer {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  rowCount: number;
  truncated: boolean;
  refreshId: number | string;
}
interface QueryError {
  error: { code: string; message: string; details?: { line: number; column: number } };
}
interface QuerySchema {
  tables: { name: string; columns: { name: string }[] }[];
}
interface SavedQuery {
  id: string;
  name: string;
  sql: string;
  parameters: { name: string; type: string }[];
}

/** The demo's customers keep their attributes as JSON text. */
const BY_COUNTRY =
  "SELECT attributes->>'country' AS country, count(*) AS customers FROM customers GROUP BY 1 ORDER BY 1";

/** POSTs to the API as the page does (the demo is served without keys) and returns status and JSON. */
async function post<T>(
  url: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** A cell as the page's table and CSV hold it. */
const raw = (value: unknown): string =>
  value === null
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value as string | number | boolean);

const editor = (page: Page) => page.locator('[data-role="sql-editor"] .cm-content');
const result = (page: Page) => page.locator('[data-widget="query-result"]');

/**
 * Replaces the editor's text by typing, as a user does (completion pops up on the way and is
 * closed at the end, unless the test wants it open).
 */
async function typeSql(
  page: Page,
  lines: string[],
  { keepCompletion = false } = {},
): Promise<void> {
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  for (const [i, line] of lines.entries()) {
    if (i > 0) {
      // Escape closes a completion list first, so Enter starts a new line.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
    }
    await page.keyboard.type(line);
  }
  if (!keepCompletion) await page.keyboard.press('Escape');
}

/** The SQL the editor holds, as the page sends it (its draft in the tab's storage). */
const editorSql = (page: Page) =>
  page.evaluate<string>('sessionStorage.getItem("clv.queryDraft") ?? ""');

/** Waits until the result card has left loading for the given state. */
async function resultState(page: Page, state: string): Promise<void> {
  await page.locator(`[data-widget="query-result"][data-state="${state}"]`).waitFor();
}

describe('the Query page in Chromium', () => {
  const t = dashboardSession();

  it('runs typed SQL with Ctrl-Enter and shows the API’s columns and rows, as CSV too', async () => {
    await t.page.setViewportSize({ width: 1280, height: 900 });
    await t.page.goto(`${t.demo.url}/query`);
    const states = await settledWidgets(t.page, 'query');
    expect(states['query-result']).toBe('empty');
    expect(states['query-tables']).toBe('ready');
    const schema = await t.demo.api<QuerySchema>('/query/schema');
    expect(schema.tables.map((table) => table.name)).toContain('customers');

    await typeSql(t.page, [BY_COUNTRY]);
    expect(await editorSql(t.page)).toBe(BY_COUNTRY);
    await t.page.keyboard.press('Control+Enter');
    await resultState(t.page, 'ready');
    const api = await post<QueryAnswer>(t.demo.url, '/query', { sql: BY_COUNTRY });
    expect(api.status).toBe(200);
    expect(api.body.rows.length).toBeGreaterThan(1);

    const card = result(t.page);
    const headers = await card
      .locator('thead th')
      .evaluateAll((ths) =>
        ths.map((th) => [th.getAttribute('data-column'), th.getAttribute('data-type')]),
      );
    expect(headers).toEqual(api.body.columns.map((c) => [c.name, c.type]));
    const cells = await card
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.getAttribute('data-value'))),
      );
    expect(cells).toEqual(api.body.rows.map((row) => row.map(raw)));
    const meta = card.locator('[data-role="result-meta"]');
    expect(await meta.getAttribute('data-rows')).toBe(String(api.body.rowCount));
    expect(await meta.getAttribute('data-refresh')).toBe(String(api.body.refreshId));
    expect(await meta.textContent()).toMatch(/rows in \d+\.\d{3} s · data as of/);
    expect(await card.locator('[data-role="truncated"]').count()).toBe(0);

    const csv = await downloadWidgetCsv(t.page, 'query-result');
    expect(csv.fileName).toBe('query-result.csv');
    expect(csv.header).toEqual(api.body.columns.map((c) => c.name));
    expect(csv.rows.map((row) => csv.header.map((h) => row[h]))).toEqual(
      api.body.rows.map((row) => row.map(raw)),
    );

    // A text and a number column: bars of customers by country.
    await t.page.locator('[data-widget="query-chart"][data-state="ready"]').waitFor();
    expect(await t.page.locator('select[name="chart-x"]').inputValue()).toBe('country');
    expect(await t.page.locator('select[name="chart-y"]').inputValue()).toBe('customers');
    expect(await t.page.locator('select[name="chart-kind"]').inputValue()).toBe('bar');
    const chart = await downloadWidgetCsv(t.page, 'query-chart');
    expect(chart.rows.map((row) => [row['country'], row['customers']])).toEqual(
      api.body.rows.map(([country, customers]) => [
        country === null ? 'NULL' : raw(country),
        raw(customers),
      ]),
    );
    await screenshot(t.page, 'query');
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('offers the schema’s table names as the user types', async () => {
    await typeSql(t.page, ['SELECT * FROM custo'], { keepCompletion: true });
    // The list follows the typing a moment later: wait for the one of the whole word.
    const options = t.page.locator('.cm-tooltip-autocomplete li');
    await expect
      .poll(() => options.allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining('customers'));
    await screenshot(t.page, 'query-completion');
    await t.page.keyboard.press('Escape');
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('says where an SQL error is and puts the cursor there', async () => {
    t.browser.expectFailure(/\/api\/v1\/query$/);
    await typeSql(t.page, ['SELECT country', 'FROM no_such_table']);
    const sql = await editorSql(t.page);
    const api = await post<QueryError>(t.demo.url, '/query', { sql });
    expect(api.status).toBe(400);
    const at = api.body.error.details;
    expect(at).toBeDefined();
    await t.page.locator('[data-action="run-query"]').click();
    await resultState(t.page, 'error');
    expect(await result(t.page).locator('[role="alert"]').textContent()).toContain(
      api.body.error.message,
    );
    const position = result(t.page).locator('[data-role="error-position"]');
    expect(await position.getAttribute('data-line')).toBe(String(at?.line));
    expect(await position.getAttribute('data-column')).toBe(String(at?.column));
    expect(await position.textContent()).toContain(`line ${at?.line}, column ${at?.column}`);
    // The editor has the focus, its cursor on the error's line.
    expect(
      await t.page.evaluate<boolean>(
        'document.activeElement?.classList.contains("cm-content") ?? false',
      ),
    ).toBe(true);
    const lines = sql.split('\n');
    expect(await t.page.locator('.cm-activeLine').textContent()).toBe(lines[(at?.line ?? 1) - 1]);
    await screenshot(t.page, 'query-error');
  });

  it('shows an empty result as no rows (run with Cmd-Enter, as on a Mac)', async () => {
    await typeSql(t.page, ['SELECT * FROM customers WHERE false']);
    await t.page.keyboard.press('Meta+Enter');
    await resultState(t.page, 'empty');
    expect(await result(t.page).textContent()).toContain('No rows');
    expect(await t.page.locator('[data-widget="query-chart"]').count()).toBe(0);
  });

  it('refuses to save broken SQL; saves a query with parameters, opens it with date inputs, runs it and deletes it', async () => {
    // A statement that cannot run is refused, and the cursor goes to its error.
    t.browser.expectFailure(/\/api\/v1\/queries$/);
    await typeSql(t.page, ['SELECT 1', 'FROM no_such_table']);
    await t.page.locator('input[name="query-name"]').fill('Broken');
    await t.page.locator('[data-action="save-query"]').click();
    const refusal = t.page.locator('[data-role="save-query"] [role="alert"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('no_such_table');
    await expect.poll(() => t.page.locator('.cm-activeLine').textContent()).toMatch(/^FROM/);

    const sql = 'SELECT count(*) AS orders FROM orders WHERE day >= {{from}}';
    await typeSql(t.page, [sql]);
    await t.page.locator('input[name="query-name"]').fill('Orders since');
    await t.page.locator('input[name="query-description"]').fill('Orders from a day on');
    await t.page.locator('[data-action="save-query"]').click();
    const saved = t.page.locator('[data-widget="query-saved"] li[data-query-id]', {
      hasText: 'Orders since',
    });
    await saved.waitFor();
    const id = (await saved.getAttribute('data-query-id')) ?? '';
    const stored = await t.demo.api<SavedQuery>(`/queries/${id}`);
    expect(stored.sql).toBe(await editorSql(t.page));
    expect(stored.parameters).toEqual([{ name: 'from', type: 'date' }]);

    await typeSql(t.page, ['SELECT 1']);
    await saved.locator('[data-action="open-query"]').click();
    await expect.poll(() => editorSql(t.page)).toBe(stored.sql);
    const from = t.page.locator('input[name="param-from"]');
    expect(await from.getAttribute('type')).toBe('date');
    await from.fill('2026-01-01');
    await t.page.locator('[data-action="run-query"]').click();
    await resultState(t.page, 'ready');
    const api = await post<QueryAnswer>(t.demo.url, '/query', {
      sql: stored.sql,
      params: { from: '2026-01-01' },
    });
    expect(
      await result(t.page).locator('tbody td[data-column="orders"]').getAttribute('data-value'),
    ).toBe(raw(api.body.rows[0]?.[0]));

    await saved.locator('[data-action="delete-query"]').click();
    await saved.locator('[data-action="confirm-delete"]').click();
    await expect.poll(() => saved.count()).toBe(0);
    expect(t.browser.consoleErrors()).toEqual([]);
  });
});

describe('the Query page for a reader, in Chromium', () => {
  const t = dashboardSession({ keys: true });

  it('runs queries but offers no save or delete', async () => {
    const keys = t.demo.keys;
    if (!keys) throw new Error('the demo server has no keys');
    await t.page.goto(`${t.demo.url}/query`);
    const form = t.page.locator('[data-testid="sign-in"]');
    await form.locator('input[name="key"]').fill(keys.read);
    await form.locator('button[type="submit"]').click();
    await settledWidgets(t.page, 'query');
    expect(await t.page.locator('[data-role="save-query"]').count()).toBe(0);
    expect(await t.page.locator('[data-action="delete-query"]').count()).toBe(0);
    await typeSql(t.page, ['SELECT 42 AS answer']);
    await t.page.keyboard.press('Control+Enter');
    await resultState(t.page, 'ready');
    expect(
      await result(t.page).locator('tbody td[data-column="answer"]').getAttribute('data-value'),
    ).toBe('42');
  });
});

/**
 * The served copy's configuration with a four-second time limit (a worker starts in about half
 * a second, more on a busy machine) and five rows per answer.
 */
async function tightLimits(project: string): Promise<void> {
  const path = join(project, CONFIG_FILE);
  const config = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  const query = { timeoutSeconds: 4, defaultRows: 5 };
  await writeFile(path, JSON.stringify({ ...config, query }), 'utf8');
}

describe('the Query page with a short time limit and few rows, in Chromium', () => {
  const t = dashboardSession({ prepare: tightLimits }, { expectedFailures: [/\/api\/v1\/query$/] });

  it('says a result is truncated, and a statement ran past the time limit', async () => {
    await t.page.goto(`${t.demo.url}/query`);
    await settledWidgets(t.page, 'query');
    await typeSql(t.page, [BY_COUNTRY]);
    await t.page.keyboard.press('Control+Enter');
    await resultState(t.page, 'ready');
    const api = await post<QueryAnswer>(t.demo.url, '/query', { sql: BY_COUNTRY });
    expect(api.body.truncated).toBe(true);
    expect(await result(t.page).locator('tbody tr').count()).toBe(5);
    expect(await result(t.page).locator('[data-role="truncated"]').textContent()).toContain(
      'Showing the first 5 rows: truncated',
    );

    // Two copies of the events counted take about 4 s on a quiet machine, as long as the limit.
    const slow = 'SELECT count(*) FROM events a, events b, events c';
    await typeSql(t.page, [slow]);
    // The keys are tested above; here the button, once the editor holds the whole statement,
    // so that a completion list opening late on a loaded machine cannot swallow the run.
    await expect.poll(() => editorSql(t.page)).toBe(slow);
    // The page's own request, not a second one: each burns the whole time limit.
    const answered = t.page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === '/api/v1/query' &&
        response.request().method() === 'POST',
    );
    await t.page.locator('[data-action="run-query"]').click();
    const timeout = await answered;
    expect(timeout.status()).toBe(504);
    const body = (await timeout.json()) as QueryError;
    await resultState(t.page, 'error');
    const alert = result(t.page).locator('[role="alert"]');
    expect(await alert.textContent()).toContain('The query ran too long');
    expect(await alert.textContent()).toContain(body.error.message);
  });
});

describe('the Query page before the first refresh, in Chromium', () => {
  const t = dashboardSession({ empty: true }, { expectedFailures: [/\/api\/v1\/query/] });

  it('says a refresh is needed first', async () => {
    await t.page.goto(`${t.demo.url}/query`);
    await t.page.locator('[data-page="query"]').waitFor();
    await typeSql(t.page, ['SELECT 1']);
    await t.page.keyboard.press('Control+Enter');
    await resultState(t.page, 'error');
    const api = await post<QueryError>(t.demo.url, '/query', { sql: 'SELECT 1' });
    expect(api.status).toBe(409);
    const alert = result(t.page).locator('[role="alert"]');
    expect(await alert.textContent()).toContain('Not refreshed yet');
    expect(await alert.textContent()).toContain(api.body.error.message);
  });
});
