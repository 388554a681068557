import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { downloadWidgetCsv, parseCsv } from './csv-download.js';
import { settledWidgets } from './settled.js';

interface Estimate {
  members: number;
  knownCustomers: number;
  share: number | null;
  revenue: number;
  historicClv: number;
  predictedClv: number | null;
  sample: { customerId: string }[];
  ruleText: string;
}
interface Template {
  key: string;
  name: string;
  rule: unknown;
}
interface Activation {
  id: string;
  destinationId: string;
  delivered: number;
}
interface Batch {
  headers: IncomingHttpHeaders;
  body: { deliveryId: string; kind: string; members: { customer_id: string; change: string }[] };
}

/** A webhook receiver on loopback: answers 200 and keeps every batch it is sent. */
async function receiver(): Promise<{ url: string; batches: Batch[]; server: Server }> {
  const batches: Batch[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      batches.push({
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Batch['body'],
      });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, batches, server };
}

describe('audiences in Chromium', () => {
  const t = dashboardSession();
  let hook: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    hook = await receiver();
  });
  afterAll(() => new Promise<void>((resolve) => hook.server.close(() => resolve())));

  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${t.demo.url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const figure = (name: string) =>
    t.page.locator(`[data-widget="audience-estimate"] [data-figure="${name}"]`);
  /** The estimate on screen, once settled, against the API's answer for the same rule. */
  const expectEstimateOnScreen = async (api: Estimate) => {
    const panel = t.page.locator('[data-widget="audience-estimate"]');
    await expect
      .poll(() => figure('members').getAttribute('data-value'), { timeout: 15_000 })
      .toBe(String(api.members));
    await panel.and(t.page.locator('[data-state="ready"]')).waitFor();
    const value = async (name: string) => {
      const text = await figure(name).getAttribute('data-value');
      return text === '' ? null : Number(text);
    };
    // Sums of doubles that the engine adds in parallel: the same to the last few bits only.
    const same = (shown: number | null, sent: number | null) =>
      shown === null || sent === null
        ? expect(shown).toBe(sent)
        : expect(Math.abs(shown - sent)).toBeLessThanOrEqual(Math.abs(sent) * 1e-12);
    expect(await value('share')).toBe(api.share);
    same(await value('revenue'), api.revenue);
    same(await value('historicClv'), api.historicClv);
    same(await value('predictedClv'), api.predictedClv);
    expect(await panel.locator('[data-role="rule-text"]').textContent()).toBe(api.ruleText);
    expect(
      await panel
        .locator('[data-role="estimate-sample"] tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-customer'))),
    ).toEqual(api.sample.map((s) => s.customerId));
    // Shown in the project's formats: the member count grouped, the revenue in the currency.
    expect(await figure('members').locator('dd').textContent()).toBe(
      api.members.toLocaleString('en-US'),
    );
  };
  /** The audience's page once drawn (not its loading placeholder) and its widgets settled. */
  const audiencePage = async () => {
    await t.page.locator('[data-page="audience"][data-audience]').waitFor();
    await settledWidgets(t.page, 'audience');
  };
  const ruleInAddress = (): { conditions: unknown[] } =>
    JSON.parse(new URL(t.page.url()).searchParams.get('rule') ?? 'null');

  it('lists the demo’s audiences and builds one from a template, with the API’s estimate', async () => {
    await t.page.goto(`${t.demo.url}/audiences`);
    await settledWidgets(t.page, 'audiences');
    const { templates } = await t.demo.api<{ templates: Template[] }>('/audiences/templates');
    expect(templates.map((x) => x.key)).toEqual([
      'high-value-at-risk',
      'winback',
      'vip',
      'one-time-buyers',
      'newsletter-non-subscribers',
    ]);
    const cards = t.page.locator('[data-template]');
    expect(
      await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-template'))),
    ).toEqual(templates.map((x) => x.key));
    const { audiences } = await t.demo.api<{ audiences: { id: string; members: number | null }[] }>(
      '/audiences',
    );
    const rows = t.page.locator('[data-widget="audience-list"] tbody tr');
    expect(await rows.count()).toBe(audiences.length);
    for (const [i, audience] of audiences.entries()) {
      expect(await rows.nth(i).locator('[data-column="members"]').getAttribute('data-value')).toBe(
        String(audience.members ?? ''),
      );
    }

    const vip = templates.find((x) => x.key === 'vip');
    await cards.and(t.page.locator('[data-template="vip"]')).click();
    await t.page.locator('[data-page="audience-builder"]').waitFor();
    expect(await t.page.locator('input[name="name"]').inputValue()).toBe(vip?.name);
    await expectEstimateOnScreen(await post<Estimate>('/audiences/estimate', { rule: vip?.rule }));
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('builds one from scratch with the keyboard, saves it and activates it to a webhook', async () => {
    await t.page.goto(`${t.demo.url}/audiences/new`);
    await t.page.locator('[data-page="audience-builder"]').waitFor();
    const root = t.page.locator('[data-node=""]');
    const addKind = root.locator('> .add-line [data-role="add-kind"]');
    const addCondition = root.locator('> .add-line [data-action="add-condition"]');
    // Email consent, added with the keyboard: the kind chosen, then Enter on "Add condition".
    await addKind.selectOption('consent');
    await addCondition.focus();
    await t.page.keyboard.press('Enter');
    await t.page.locator('[data-node="0"][data-type="consent"]').waitFor();
    // The new card has the focus; a customer value condition next, with Space.
    expect(
      await t.page.evaluate<string | null>(
        'document.activeElement?.getAttribute("data-node") ?? null',
      ),
    ).toBe('0');
    await addKind.selectOption('value');
    await addCondition.focus();
    await t.page.keyboard.press('Space');
    const value = t.page.locator('[data-node="1"]');
    await value.locator('[data-role="field"]').selectOption('revenue');
    await value.locator('[data-role="test-op"]').selectOption('gt');
    // Typed a key at a time: the estimate waits for the typing to pause (300 ms), so the
    // three keystrokes ask for one estimate, not three.
    const asked: string[] = [];
    const count = (request: { url(): string; method(): string }) => {
      if (request.method() === 'POST' && request.url().endsWith('/audiences/estimate')) {
        asked.push(request.url());
      }
    };
    await t.page.waitForTimeout(400);
    t.page.on('request', count);
    const number = value.locator('[data-role="test-value"]');
    await number.fill('');
    await number.pressSequentially('250', { delay: 60 });
    await t.page.waitForTimeout(700);
    t.page.off('request', count);
    expect(asked).toHaveLength(1);
    // A third condition, an event without its type: the server's refusal shows at the card
    // while editing; then removed again with Delete on the card.
    await addKind.selectOption('event');
    await addCondition.click();
    t.browser.expectFailure('/api/v1/audiences/estimate');
    await expect
      .poll(() => t.page.locator('[data-node="2"] [data-role="node-errors"]').textContent(), {
        timeout: 10_000,
      })
      .toMatch(/^eventType: /);
    await t.page.locator('[data-node="2"]').focus();
    await t.page.keyboard.press('Delete');
    await expect.poll(() => t.page.locator('[data-node="2"]').count()).toBe(0);
    // Every control of the canvas has a name for screen readers.
    const unnamed = await t.page
      .locator('.rule-canvas select, .rule-canvas input, .rule-canvas button')
      .evaluateAll(
        (els) =>
          els.filter((e) => {
            const label =
              e.getAttribute('aria-label') ?? e.closest('label')?.textContent ?? e.textContent;
            return !label?.trim();
          }).length,
      );
    expect(unnamed).toBe(0);

    const rule = {
      version: 1,
      match: 'all',
      conditions: [
        { type: 'consent', channel: 'email', subscribed: true },
        { type: 'value', field: 'revenue', test: { op: 'gt', value: 250 } },
      ],
    };
    await expect.poll(ruleInAddress).toEqual(rule);
    const estimate = await post<Estimate>('/audiences/estimate', { rule });
    expect(estimate.members).toBeGreaterThan(0);
    await expectEstimateOnScreen(estimate);

    // Saved: the audience's page with the same members.
    await t.page.locator('input[name="name"]').fill('Subscribed, revenue over 250');
    await t.page.locator('[data-action="save-audience"]').click();
    await t.page.waitForURL(/\/audiences\/aud_[0-9a-f]{10}$/);
    const id = new URL(t.page.url()).pathname.split('/').pop() ?? '';
    await audiencePage();
    expect(await t.page.locator('[data-figure="members"]').getAttribute('data-value')).toBe(
      String(estimate.members),
    );
    const history = await t.demo.api<{ days: { members: number }[] }>(`/audiences/${id}/history`);
    expect(history.days.at(-1)?.members).toBe(estimate.members);
    expect(
      await t.page.locator('[data-widget="audience-members"]').getAttribute('data-state'),
    ).toBe('ready');

    // Edited: revenue over 300, saved as version 2 with the members of the new rule.
    await t.page.locator('[data-action="edit-audience"]').click();
    await t.page.locator('[data-page="audience-builder"]').waitFor();
    // The saved rule in its cards.
    const revenue = t.page.locator('[data-node="1"] [data-role="test-value"]');
    expect(await revenue.inputValue()).toBe('250');
    expect(await t.page.locator('[data-node="0"]').getAttribute('data-type')).toBe('consent');
    await revenue.fill('300');
    const edited = {
      ...rule,
      conditions: [rule.conditions[0], { ...rule.conditions[1], test: { op: 'gt', value: 300 } }],
    };
    await expect.poll(ruleInAddress).toEqual(edited);
    const narrower = await post<Estimate>('/audiences/estimate', { rule: edited, audienceId: id });
    expect(narrower.members).toBeLessThan(estimate.members);
    await expectEstimateOnScreen(narrower);
    await t.page.locator('[data-action="save-audience"]').click();
    await t.page.waitForURL(new RegExp(`/audiences/${id}$`));
    await audiencePage();
    expect(await t.page.locator('[data-figure="members"]').getAttribute('data-value')).toBe(
      String(narrower.members),
    );
    const version2 = await t.demo.api<{ version: number; rule: unknown }>(`/audiences/${id}`);
    expect([version2.version, version2.rule]).toEqual([2, edited]);
    estimate.members = narrower.members;

    // A webhook destination pointing at the loopback receiver, then activate from the page.
    const destination = await post<{ id: string }>('/destinations', {
      name: 'Loopback hook',
      kind: 'webhook',
      config: { url: hook.url },
      secret: 'a-test-secret-of-enough-length',
    });
    await t.page.reload();
    await audiencePage();
    const form = t.page.locator('form.activate-form');
    await form.locator('select[name="destination"]').selectOption(destination.id);
    await form.locator('input[name="holdout"]').fill('0');
    await form.locator('[data-action="activate"]').click();
    const table = t.page.locator('[data-widget="audience-activations"]');
    await table.locator('[data-action="sync-now"]').first().waitFor();
    const { activations } = await t.demo.api<{ activations: Activation[] }>(
      `/activations?audienceId=${id}`,
    );
    expect(activations.map((a) => a.destinationId)).toEqual([destination.id]);
    await table.locator('[data-action="sync-now"]').first().click();

    // Every member arrives at the receiver, each batch signed and with its idempotency key.
    const csv = parseCsv(
      await (await fetch(`${t.demo.url}/api/v1/audiences/${id}/members?format=csv`)).text(),
    );
    const expected = csv
      .slice(1)
      .map((line) => line[0] ?? '')
      .sort();
    // The members card's CSV is the server's whole membership, not the page on screen.
    const saved = await downloadWidgetCsv(t.page, 'audience-members');
    expect(saved.fileName).toBe(`audience-${id}-members.csv`);
    expect([saved.header, ...saved.rows.map((r) => saved.header.map((h) => r[h]))]).toEqual(
      csv.filter((line) => line.length > 1),
    );
    expect(expected).toHaveLength(estimate.members);
    const received = () =>
      [...new Set(hook.batches.flatMap((b) => b.body.members.map((m) => m.customer_id)))].sort();
    await expect.poll(received, { timeout: 20_000 }).toEqual(expected);
    for (const batch of hook.batches) {
      expect(batch.headers['idempotency-key']).toBe(batch.body.deliveryId);
      expect(batch.headers['x-clv-signature']).toBeTruthy();
      expect(batch.body.kind).toBe('full');
    }
    // The delivery log on the page shows the batches delivered.
    const log = t.page.locator('[data-widget="delivery-log"]');
    await expect
      .poll(
        async () => {
          await t.page.reload();
          await audiencePage();
          await table.locator('[data-action="show-deliveries"]').first().click();
          await log.locator('tbody tr, p').first().waitFor();
          return log
            .locator('[data-column="status"]')
            .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-value')));
        },
        { timeout: 20_000 },
      )
      .toEqual(hook.batches.map(() => 'delivered'));

    // The list shows the audience's size and its destination synced.
    await t.page.goto(`${t.demo.url}/audiences`);
    await settledWidgets(t.page, 'audiences');
    const row = t.page.locator('[data-widget="audience-list"] tbody tr', {
      has: t.page.locator(`[data-audience="${id}"]`),
    });
    expect(await row.locator('[data-column="members"]').getAttribute('data-value')).toBe(
      String(estimate.members),
    );
    expect(await row.locator('[data-sync]').getAttribute('data-sync')).toBe('synced');
    expect(await row.locator('[data-sync]').textContent()).toMatch(/^Loopback hook: synced /);
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('opens the builder pre-filled from a decile, a segment group and the at-risk list', async () => {
    await t.page.goto(`${t.demo.url}/deciles`);
    await settledWidgets(t.page, 'deciles');
    await t.page
      .locator('[data-action="create-audience"][data-label="Decile 1 by revenue"]')
      .click();
    await t.page.locator('[data-page="audience-builder"]').waitFor();
    const decile1 = {
      version: 1,
      match: 'all',
      conditions: [
        { type: 'value', field: 'revenue_decile', test: { op: 'between', min: 1, max: 1 } },
      ],
    };
    expect(ruleInAddress()).toEqual(decile1);
    expect(await t.page.locator('input[name="name"]').inputValue()).toBe('Decile 1 by revenue');
    const estimate = await post<Estimate>('/audiences/estimate', { rule: decile1 });
    await expectEstimateOnScreen(estimate);

    await t.page.goto(`${t.demo.url}/segments?segment=email`);
    await settledWidgets(t.page, 'segments');
    await t.page
      .locator('[data-widget-links="segment-audiences"] [data-action="create-audience"]')
      .first()
      .click();
    await t.page.locator('[data-page="audience-builder"]').waitFor();
    expect(ruleInAddress().conditions).toEqual([
      { type: 'consent', channel: 'email', subscribed: true },
    ]);
    await t.page.locator('[data-node="0"][data-type="consent"]').waitFor();

    await t.page.goto(`${t.demo.url}/predictions`);
    await settledWidgets(t.page, 'predictions');
    await t.page.locator('[data-widget-links="at-risk-audience"] a').click();
    await t.page.locator('[data-page="audience-builder"]').waitFor();
    expect(ruleInAddress().conditions[0]).toEqual({
      type: 'value',
      field: 'churn_risk',
      test: { op: 'gte', value: 0.5 },
    });
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('builds a rule on the demo’s dataset clv_deciles: its top two deciles, as the dataset has them', async () => {
    await t.page.goto(`${t.demo.url}/audiences/new`);
    await t.page.locator('[data-page="audience-builder"]').waitFor();
    const root = t.page.locator('[data-node=""]');
    await root.locator('> .add-line [data-role="add-kind"]').selectOption('dataset');
    await root.locator('> .add-line [data-action="add-condition"]').click();
    const card = t.page.locator('[data-node="0"][data-type="dataset"]');
    await card.waitFor();
    // The datasets of the query schema, the demo's first chosen at once (once the page has the
    // list: beside a full test run that took more than the poll's default second).
    await expect
      .poll(() => card.locator('[data-role="dataset"] option').allTextContents(), {
        timeout: 15_000,
      })
      .toEqual(['clv_deciles']);
    await card.locator('[data-role="dataset-column"]').selectOption('decile');
    await card.locator('[data-role="test-op"]').selectOption('lte');
    await card.locator('[data-role="test-value"]').fill('2');
    const rule = {
      version: 1,
      match: 'all',
      conditions: [
        {
          type: 'dataset',
          dataset: 'clv_deciles',
          member: true,
          column: 'decile',
          test: { op: 'lte', value: 2 },
        },
      ],
    };
    await expect.poll(ruleInAddress).toEqual(rule);
    const estimate = await post<Estimate>('/audiences/estimate', { rule });
    const counted = await post<{ rows: number[][] }>('/query', {
      sql: 'SELECT count(*)::INTEGER FROM dataset_clv_deciles WHERE decile <= 2',
    });
    expect(estimate.members).toBe(counted.rows[0]?.[0]);
    expect(estimate.members).toBeGreaterThan(0);
    expect(estimate.ruleText).toBe('all of: in dataset clv_deciles with decile at most 2');
    await expectEstimateOnScreen(estimate);
    expect(t.browser.consoleErrors()).toEqual([]);
  });
});
