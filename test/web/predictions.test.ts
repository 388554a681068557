import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { downloadWidgetCsv } from './csv-download.js';
import { settledWidgets } from './settled.js';

interface ModelState {
  role: 'purchase' | 'spend';
  model: string;
  status: string;
  reason: string | null;
}
interface ModelReport {
  model: string;
  dataEnd: string;
  horizonMonths: number;
  states: ModelState[];
  selection: {
    method: string;
    chosen: string;
    because: string;
    candidates: {
      model: string;
      status: string;
      meanAbsoluteError: number | null;
      actualTotal: number;
      groups: { frequency: string; actual: number }[];
    }[];
  } | null;
}
interface Holdout {
  meanAbsoluteError: number;
  value: {
    coverage: { customers: number; inside: number; share: number };
    deciles: { decile: number; customers: number; predicted: number; actual: number }[];
  };
}
interface Prediction {
  predictedClvLow: number;
  spendLow: number;
  spendHigh: number;
  nextPurchaseDate: string | null;
  status: string;
}

// The demo's names as the dashboard shows them, and its en-US formats.
const LABELS: Record<string, string> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  paretonbd: 'Pareto/NBD',
  gammagamma: 'Gamma-Gamma',
};
const eur = (value: number) => {
  const digits = Math.abs(value) >= 1000 ? 0 : 2;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
};
const day = (value: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${value}T00:00:00Z`),
  );
const number = (text: string | undefined) => Number(text);

describe('the predictions of the demo shop (refreshed with auto) in Chromium', () => {
  const t = dashboardSession();
  const text = async (selector: string) =>
    ((await t.page.locator(selector).first().textContent()) ?? '').trim();

  it('says what the predictions rest on and why auto chose the purchase model', async () => {
    await t.page.goto(`${t.demo.url}/predictions`);
    const states = await settledWidgets(t.page, 'predictions');
    expect(states['model-status']).toBe('ready');
    expect(states['model-selection']).toBe('ready');
    const model = await t.demo.api<ModelReport>('/model');
    const status = await t.demo.api<{ modelChange: unknown }>('/status');
    const selection = model.selection;
    if (!selection) throw new Error('the demo is refreshed with auto: it has a selection');
    expect(selection.method).toBe('holdout');
    const chosen = LABELS[selection.chosen];
    const notice = (key: string) => `[data-widget="model-status"] [data-notice="${key}"]`;
    expect(model.states.map((s) => s.status)).toEqual(['ok', 'ok']);
    expect(await text(`${notice('purchase')} [data-role="text"]`)).toBe(
      `P(alive), churn risk and expected purchases come from ${chosen}.`,
    );
    expect(await text(`${notice('spend')} [data-role="text"]`)).toBe(
      'Expected spend per purchase comes from Gamma-Gamma.',
    );
    expect(await text(`${notice('selection')} .badge`)).toBe(`${chosen} chosen automatically`);
    expect(await text(`${notice('selection')} [data-role="text"]`)).toBe(
      `Chosen because ${selection.because}.`,
    );
    expect(selection.because).toMatch(new RegExp(`^${chosen} predicted the holdout best: `));
    // One refresh: no change of model to report.
    expect(status.modelChange).toBeNull();
    expect(await t.page.locator(notice('change')).count()).toBe(0);
    expect(await text('[data-role="model-summary"]')).toBe(
      `${chosen} with Gamma-Gamma, as of ${day(model.dataEnd)} · 12-month horizon`,
    );

    // The candidates' comparison as the API has it, raw values in the CSV.
    const csv = await downloadWidgetCsv(t.page, 'model-selection');
    expect(csv.fileName).toBe('model-selection.csv');
    expect(csv.rows.map((r) => r['Model'])).toEqual(['BG/NBD', 'MBG/NBD', 'Pareto/NBD']);
    expect(csv.rows.map((r) => r['Chosen'])).toEqual(
      selection.candidates.map((c) => (c.model === selection.chosen ? 'yes' : 'no')),
    );
    expect(csv.rows.map((r) => r['Status'])).toEqual(selection.candidates.map((c) => c.status));
    expect(csv.rows.map((r) => number(r['Mean absolute error per customer']))).toEqual(
      selection.candidates.map((c) => c.meanAbsoluteError),
    );
    expect(csv.rows.map((r) => number(r['Actual repeat purchases']))).toEqual(
      selection.candidates.map((c) => c.actualTotal),
    );
    const groups = await downloadWidgetCsv(t.page, 'model-selection-groups');
    expect(groups.header).toEqual([
      'Repeat purchases in calibration',
      'Customers',
      'Actual mean purchases',
      'BG/NBD predicted',
      'MBG/NBD predicted',
      'Pareto/NBD predicted',
    ]);
    expect(groups.rows.map((r) => number(r['Actual mean purchases']))).toEqual(
      selection.candidates[0]?.groups.map((g) => g.actual),
    );
    await t.page.locator('[data-widget="model-status"]').scrollIntoViewIfNeeded();
    await screenshot(t.page, 'predictions-model-choice');
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('shows the holdout’s interval coverage in a sentence and its value per decile', async () => {
    const holdout = await t.demo.api<Holdout>('/model/holdout');
    const { coverage, deciles } = holdout.value;
    const count = (value: number) => value.toLocaleString('en-US');
    expect(await text('[data-widget="holdout-value"] .subtitle')).toMatch(
      new RegExp(
        `^${(coverage.share * 100).toFixed(1)}% of customers \\(${count(coverage.inside)} of ` +
          `${count(coverage.customers)}\\) spent within their 90 % predictive interval in the holdout: `,
      ),
    );
    expect(await text('[data-widget="holdout-calibration"] .subtitle')).toContain(
      `mean absolute error per customer ${new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 }).format(holdout.meanAbsoluteError)}.`,
    );
    const csv = await downloadWidgetCsv(t.page, 'holdout-value');
    expect(csv.rows.map((r) => number(r['Decile of predicted value']))).toEqual(
      deciles.map((d) => d.decile),
    );
    expect(csv.rows.map((r) => number(r['Customers']))).toEqual(deciles.map((d) => d.customers));
    expect(csv.rows.map((r) => number(r['Predicted value per customer']))).toEqual(
      deciles.map((d) => d.predicted),
    );
    expect(csv.rows.map((r) => number(r['Actual spend per customer']))).toEqual(
      deciles.map((d) => d.actual),
    );
    // The chart's table view: one row per decile.
    const card = t.page.locator('[data-widget="holdout-value"]');
    await card.locator('[data-action="toggle-table"]').click();
    await expect.poll(() => card.locator('tbody tr').count()).toBe(deciles.length);
    await card.scrollIntoViewIfNeeded();
    await screenshot(t.page, 'predictions-holdout-value');
  });

  it('gives a customer’s predictive interval of spend and next purchase in words', async () => {
    const model = await t.demo.api<ModelReport>('/model');
    const months = model.horizonMonths;
    const next: string[] = [];
    // An active customer, and one who has most likely left.
    for (const id of ['C009810', 'C001808']) {
      await t.page.goto(`${t.demo.url}/customers/${id}`);
      await settledWidgets(t.page, 'customer');
      const { prediction: p } = await t.demo.api<{ prediction: Prediction }>(
        `/customers/${id}?eventsLimit=1`,
      );
      const card = '[data-widget="customer-prediction"]';
      expect(await t.page.locator(card).getAttribute('data-status')).toBe(p.status);
      const value = async (field: string) =>
        number(
          (await t.page.locator(`${card} [data-field="${field}"]`).getAttribute('data-value')) ??
            '',
        );
      expect([await value('spendLow'), await value('spendHigh')]).toEqual([
        p.spendLow,
        p.spendHigh,
      ]);
      expect(await text(`${card} [data-field="spendInterval"]`)).toBe(
        p.spendHigh === 0
          ? `Will spend nothing in the next ${months} months`
          : `Will spend between ${eur(p.spendLow)} and ${eur(p.spendHigh)} in the next ${months} months`,
      );
      next.push(await text(`${card} [data-field="nextPurchaseDate"]`));
      expect(next.at(-1)).toBe(
        p.nextPurchaseDate
          ? `More likely than not by ${day(p.nextPurchaseDate)}`
          : `Not expected within the next ${months} months`,
      );
      expect(await value('predictedClvLow')).toBe(p.predictedClvLow);
      expect(await t.page.locator(`${card} dt`).allTextContents()).toContain(
        '90 % interval of the expected value',
      );
    }
    // Both readings occur: C009810 buys again soon, C001808 is not expected to.
    expect(next[0]).toMatch(/^More likely than not by [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(next[1]).toBe('Not expected within the next 12 months');
    await screenshot(t.page, 'customer-profile-left');
    expect(t.browser.consoleErrors()).toEqual([]);
  });

  it('says on the overview what predicted CLV and CLV:CAC rest on', async () => {
    await t.page.goto(`${t.demo.url}/overview`);
    await t.page.locator('[data-kpi="clvPredicted"][data-state="ready"]').waitFor();
    const model = await t.demo.api<ModelReport>('/model');
    const metrics = await t.demo.api<{ predictions: { status: string } }>('/metrics');
    expect(metrics.predictions).toEqual({ status: 'ok', reason: null });
    const note = (kpi: string) => `[data-kpi="${kpi}"] [data-role="prediction-note"]`;
    expect(await text(`${note('clvPredicted')} [data-role="note-text"]`)).toBe(
      `As of ${day(model.dataEnd)}, next ${model.horizonMonths} months.`,
    );
    expect(await text(`${note('clvToCac')} [data-role="note-text"]`)).toBe('With predicted CLV.');
    // Nothing to explain when the models are ok.
    expect(await t.page.locator('[data-role="note-reason"]').count()).toBe(0);
    expect(t.browser.consoleErrors()).toEqual([]);
  });
});
