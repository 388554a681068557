import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { smallShop } from '../helpers/small-shop.js';
import { downloadWidgetCsv } from './csv-download.js';
import { settledWidgets } from './settled.js';
import { DASHBOARD_PAGES } from './page-names.js';

interface ModelState {
  role: 'purchase' | 'spend';
  model: string;
  status: string;
  reason: string | null;
}
interface ModelReport {
  dataEnd: string;
  states: ModelState[];
  selection: {
    method: string;
    because: string;
    candidates: { status: string; reason: string | null }[];
  } | null;
}
interface Prediction {
  predictedClv: number | null;
  status: string;
  reason: string | null;
}
interface Item {
  customerId: string;
  predictedClv: number | null;
  predictionReason: string | null;
}
interface Metrics {
  predictions: { status: string; reason: string | null };
}

const HEADER = 'customer_id,type,timestamp,order_id,amount,status';

/** A CSV of purchases, one per day listed for each customer, every one at `amount`. */
function purchases(days: Record<string, string[]>, amount: (i: number) => number): string {
  const lines = [HEADER];
  let i = 0;
  for (const [customer, list] of Object.entries(days)) {
    for (const day of list) {
      lines.push(`${customer},purchase,${day}T10:00:00Z,o${i},${amount(i)},success`);
      i += 1;
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Eight customers who each bought once: no model can tell how often anyone buys. */
const ONE_TIME_BUYERS = purchases(
  {
    c0: ['2025-01-10'],
    c1: ['2025-02-11'],
    c2: ['2025-03-12'],
    c3: ['2025-04-13'],
    c4: ['2025-05-14'],
    c5: ['2025-06-15'],
    c6: ['2025-01-16'],
    c7: ['2025-02-17'],
  },
  (i) => 10 + 3 * i,
);

/** Six customers, every order at 9.99: Gamma-Gamma and the purchase models run to their edges. */
const CONSTANT_PRICES = purchases(
  {
    c1: ['2025-01-01', '2025-01-31', '2025-03-02'],
    c2: ['2025-01-06', '2025-02-10'],
    c3: ['2025-01-11'],
    c4: ['2025-01-21', '2025-04-01', '2025-05-31', '2025-07-20'],
    c5: ['2025-01-04'],
    c6: ['2025-04-11', '2025-05-11'],
  },
  () => 9.99,
);

/** The server's reasons end without a full stop; the dashboard adds one. */
const sentence = (text: string | null | undefined) => `${text ?? ''}.`;

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();

/** Visits every page: none may break (a widget in error) or show NaN or Infinity. */
async function everyPageRenders(page: Page, url: string): Promise<void> {
  for (const name of DASHBOARD_PAGES) {
    await page.goto(`${url}/${name}`);
    const states = await settledWidgets(page, name);
    expect(
      Object.entries(states).filter(([, state]) => state === 'error'),
      name,
    ).toEqual([]);
    const body = await page.locator('main').innerText();
    expect(body, name).not.toMatch(/NaN|Infinity|undefined/);
  }
}

describe('a shop whose models cannot be fitted (one-time buyers), in Chromium', () => {
  const t = dashboardSession({ shop: smallShop({ events: ONE_TIME_BUYERS }) });

  it('says on the Predictions page why there are no predictions', async () => {
    await t.page.goto(`${t.demo.url}/predictions`);
    await settledWidgets(t.page, 'predictions');
    const model = await t.demo.api<ModelReport>('/model');
    expect(model.states.map((s) => s.status)).toEqual(['failed', 'failed']);
    for (const state of model.states) {
      const line = `[data-widget="model-status"] [data-notice="${state.role}"]`;
      expect(await t.page.locator(line).getAttribute('data-tone')).toBe('failed');
      expect(await text(t.page, `${line} [data-role="text"]`)).toBe(sentence(state.reason));
    }
    const [purchase] = model.states;
    expect(await text(t.page, '[data-notice="purchase"] .badge')).toBe('No predictions');
    expect(await text(t.page, '[data-notice="spend"] .badge')).toBe('No predicted CLV');
    expect(purchase?.reason).toMatch(/could not be fitted \(nobody made a repeat purchase/);
    // auto could compare nothing and says so.
    expect(model.selection?.method).toBe('fallback');
    expect(await text(t.page, '[data-notice="selection"] [data-role="text"]')).toBe(
      sentence(model.selection?.because),
    );
    const candidates = await downloadWidgetCsv(t.page, 'model-selection');
    expect(candidates.rows.map((r) => [r['Status'], r['Why not ok']])).toEqual(
      model.selection?.candidates.map((c) => [c.status, c.reason]),
    );
    // The model card: each model's status and reason in place of its parameters.
    const fact = (key: string) =>
      t.page.locator(`[data-widget="model-parameters"] [data-fact="${key}"]`);
    expect(await fact('purchase.status').getAttribute('data-value')).toBe('failed');
    expect(await fact('purchase.reason').getAttribute('data-value')).toBe(purchase?.reason);
    expect(await fact('purchase.r').count()).toBe(0);
    // Empty views say which model failed and why.
    expect(await text(t.page, '[data-widget="distribution-palive"] .state-empty')).toBe(
      `No predictions: ${sentence(purchase?.reason)}`,
    );
    const top = await t.demo.api<{ total: number; note: string }>('/customers/top?limit=20');
    const atRisk = await t.demo.api<{ note: string }>('/customers/at-risk?limit=20');
    expect(top.total).toBe(0);
    expect(await text(t.page, '[data-widget="customer-top"] [data-role="list-note"]')).toBe(
      `No customers to list: ${sentence(top.note)}`,
    );
    expect(await text(t.page, '[data-widget="customer-at-risk"] [data-role="list-note"]')).toBe(
      `No customers to list: ${sentence(atRisk.note)}`,
    );
    await screenshot(t.page, 'predictions-models-failed');
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('says on a customer’s profile why there is no prediction, never NaN', async () => {
    await t.page.goto(`${t.demo.url}/customers/c1`);
    await settledWidgets(t.page, 'customer');
    const { prediction } = await t.demo.api<{ prediction: Prediction }>('/customers/c1');
    expect(prediction.status).toBe('failed');
    const card = '[data-widget="customer-prediction"]';
    expect(await text(t.page, `${card} [data-role="prediction-status"]`)).toBe('No prediction');
    expect(await text(t.page, `${card} [data-role="prediction-reason"]`)).toBe(
      sentence(prediction.reason),
    );
    // Every value the models could not give: "not available", with the reason.
    const missing = t.page.locator(`${card} dd .missing`);
    expect(await missing.count()).toBe(8);
    expect(new Set(await missing.allTextContents())).toEqual(new Set(['not available']));
    expect(
      new Set(await missing.evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')))),
    ).toEqual(new Set([prediction.reason]));
    // A customer who never answered a consent question.
    expect(await text(t.page, '[data-field="consent.newsletter"]')).toBe(
      'not subscribed (never answered)',
    );
    expect(await t.page.locator('main').innerText()).not.toMatch(/NaN|Infinity|undefined|null/);
    await screenshot(t.page, 'customer-profile-models-failed');
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('gives each customer in a list the reason for a missing predicted CLV', async () => {
    await t.page.goto(`${t.demo.url}/customers?q=c`);
    await settledWidgets(t.page, 'customers');
    const found = await t.demo.api<{ items: Item[] }>('/customers?q=c&limit=25');
    const cells = t.page.locator(
      '[data-widget="customer-results"] td[data-column="predictedClv"] [data-reason]',
    );
    expect(await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')))).toEqual(
      found.items.map((item) => item.predictionReason),
    );
    expect(await cells.first().getAttribute('title')).toBe(found.items[0]?.predictionReason);
    const csv = await downloadWidgetCsv(t.page, 'customer-results');
    expect(csv.rows.map((r) => r['Prediction note'])).toEqual(
      found.items.map((item) => item.predictionReason),
    );
    expect(csv.rows.map((r) => r['Predicted CLV'])).toEqual(found.items.map(() => ''));
  });

  it('says on the overview that predicted CLV is missing and CLV:CAC uses rolling CLV', async () => {
    await t.page.goto(`${t.demo.url}/overview?clv=predicted`);
    await t.page.locator('[data-kpi="clvPredicted"][data-state="ready"]').waitFor();
    const metrics = await t.demo.api<Metrics>('/metrics');
    expect(metrics.predictions.status).toBe('failed');
    const note = (kpi: string) => `[data-kpi="${kpi}"] [data-role="prediction-note"]`;
    expect(await text(t.page, `${note('clvPredicted')} [data-role="note-text"]`)).toBe(
      'No predicted CLV: a model could not be fitted.',
    );
    expect(await text(t.page, `${note('clvToCac')} [data-role="note-text"]`)).toBe(
      'With rolling CLV: a model could not be fitted.',
    );
    await t.page.locator(`${note('clvToCac')} summary`).click();
    expect(await text(t.page, `${note('clvToCac')} [data-role="note-reason"]`)).toBe(
      sentence(metrics.predictions.reason),
    );
    await screenshot(t.page, 'overview-models-failed');
  });

  it('renders every page without NaN or a broken widget', async () => {
    await everyPageRenders(t.page, t.demo.url);
    expect(t.browser.consoleErrors()).toEqual([]);
  });
});

describe('a shop whose models are degenerate (constant prices), after a change of model, in Chromium', () => {
  // The first refresh with Pareto/NBD, the second with auto; then a stored holdout check.
  const t = dashboardSession({
    shop: smallShop({
      events: CONSTANT_PRICES,
      refreshes: [{ model: { purchaseModel: 'paretonbd' } }, {}],
      holdoutFrom: '2025-05-01',
    }),
  });

  it('shows the change of model and flags the predictions with the reason', async () => {
    await t.page.goto(`${t.demo.url}/predictions`);
    await settledWidgets(t.page, 'predictions');
    const model = await t.demo.api<ModelReport>('/model');
    const status = await t.demo.api<{ modelChange: { from: string; to: string } | null }>(
      '/status',
    );
    const [purchase, spend] = model.states;
    expect(model.states.map((s) => s.status)).toEqual(['degenerate', 'degenerate']);
    expect(status.modelChange?.from).toBe('paretonbd');
    expect(status.modelChange?.to).toBe(purchase?.model);
    expect(purchase?.model).not.toBe('paretonbd');
    const labels: Record<string, string> = { bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD' };
    const to = labels[purchase?.model ?? ''];
    expect(await text(t.page, '[data-notice="change"] .badge')).toBe(
      `Purchase model changed: Pareto/NBD → ${to}`,
    );
    for (const state of [purchase, spend]) {
      const line = `[data-widget="model-status"] [data-notice="${state?.role}"]`;
      expect(await t.page.locator(line).getAttribute('data-tone')).toBe('flagged');
      expect(await text(t.page, `${line} .badge`)).toBe('Predictions flagged');
      expect(await text(t.page, `${line} [data-role="text"]`)).toBe(
        `${sentence(state?.reason)} Predictions that rest on it are flagged.`,
      );
    }
    expect(spend?.reason).toMatch(/^Gamma-Gamma is degenerate .*shrunk toward the median/);
    expect(
      await t.page
        .locator('[data-widget="model-parameters"] [data-fact="spend.status"]')
        .getAttribute('data-value'),
    ).toBe('degenerate');
    // The stored holdout check: its spend model is degenerate too, and the value card says so.
    const holdout = await t.demo.api<{
      value: { spend: ModelState; coverage: { share: number } };
    }>('/model/holdout');
    expect(holdout.value.spend.status).toBe('degenerate');
    const subtitle = await text(t.page, '[data-widget="holdout-value"] .subtitle');
    expect(subtitle).toContain(sentence(holdout.value.spend.reason));
    expect(subtitle).toMatch(/^\d+\.\d% of customers \(\d+ of \d+\) spent within their 90 %/);
    // Flagged predicted CLVs in the ranked lists carry the reason.
    const top = await t.demo.api<{ items: Item[] }>('/customers/top?limit=20');
    const flagged = t.page.locator(
      '[data-widget="customer-top"] td[data-column="predictedClv"] .flagged-value',
    );
    expect(
      await flagged.evaluateAll((els) => els.map((e) => e.getAttribute('data-reason'))),
    ).toEqual(top.items.map((item) => item.predictionReason));
    await screenshot(t.page, 'predictions-models-degenerate');
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('flags a customer’s prediction and says why the interval is missing', async () => {
    await t.page.goto(`${t.demo.url}/customers/c5`);
    await settledWidgets(t.page, 'customer');
    const { prediction } = await t.demo.api<{
      prediction: Prediction & { predictedClvLow: number | null };
    }>('/customers/c5');
    expect(prediction.status).toBe('degenerate');
    const card = '[data-widget="customer-prediction"]';
    expect(await text(t.page, `${card} [data-role="prediction-status"]`)).toBe('Flagged');
    expect(await text(t.page, `${card} [data-role="prediction-reason"]`)).toBe(
      sentence(prediction.reason),
    );
    expect(
      Number(
        await t.page.locator(`${card} [data-field="predictedClv"]`).getAttribute('data-value'),
      ),
    ).toBe(prediction.predictedClv);
    // A singular information matrix gives no interval of the expected value.
    expect(prediction.predictedClvLow).toBeNull();
    const interval = t.page.locator(`${card} [data-field="predictedClvInterval"] .missing`);
    expect(await interval.textContent()).toBe('not available');
    expect(await interval.getAttribute('data-reason')).toBe(prediction.reason);
    await screenshot(t.page, 'customer-profile-models-degenerate');
  });

  it('says on the overview that predicted CLV and CLV:CAC are flagged, and why', async () => {
    await t.page.goto(`${t.demo.url}/overview`);
    await t.page.locator('[data-kpi="clvPredicted"][data-state="ready"]').waitFor();
    const model = await t.demo.api<ModelReport>('/model');
    const metrics = await t.demo.api<Metrics>('/metrics');
    expect(metrics.predictions.status).toBe('degenerate');
    const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${model.dataEnd}T00:00:00Z`),
    );
    const note = '[data-kpi="clvPredicted"] [data-role="prediction-note"]';
    expect(await text(t.page, `${note} [data-role="note-text"]`)).toBe(
      `As of ${day}, next 12 months. Flagged: a fallback stands in for a model.`,
    );
    await t.page.locator(`${note} summary`).click();
    expect(await text(t.page, `${note} [data-role="note-reason"]`)).toBe(
      sentence(metrics.predictions.reason),
    );
    expect(
      await text(
        t.page,
        '[data-kpi="clvToCac"] [data-role="prediction-note"] [data-role="note-text"]',
      ),
    ).toBe('With predicted CLV, flagged: a fallback stands in for a model.');
  });

  it('renders every page without NaN or a broken widget', async () => {
    await everyPageRenders(t.page, t.demo.url);
    expect(t.browser.consoleErrors()).toEqual([]);
  });
});
