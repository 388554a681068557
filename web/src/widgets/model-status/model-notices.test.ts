import { describe, expect, it } from 'vitest';
import type { ModelSelection, ModelState } from '../../api/types';
import {
  changeNotice,
  failedReason,
  modelNotices,
  selectionNotice,
  stateNotice,
} from './model-notices';

const degenerate: ModelState = {
  role: 'purchase',
  model: 'mbgnbd',
  status: 'degenerate',
  reason: 'MBG/NBD is degenerate (a = 3.07e+6 ran to the edge of the range): read it as rough',
};
const failedSpend: ModelState = {
  role: 'spend',
  model: 'gammagamma',
  status: 'failed',
  reason: 'Gamma-Gamma could not be fitted (no repeat buyers): no expected spend or CLV',
};
const holdout: ModelSelection = {
  method: 'holdout',
  holdoutFrom: '2026-01-31',
  calibrationEnd: '2026-01-30',
  holdoutEnd: '2026-10-31',
  holdoutDays: 274,
  candidates: [],
  chosen: 'mbgnbd',
  because:
    'MBG/NBD predicted the holdout best: a mean absolute error of 1.078 repeat purchases per customer, against 1.086 for BG/NBD',
};

describe('model notices', () => {
  it('says what an ok model gives', () => {
    expect(stateNotice({ role: 'purchase', model: 'mbgnbd', status: 'ok', reason: null })).toEqual({
      key: 'purchase',
      tone: 'ok',
      title: 'MBG/NBD fitted',
      text: 'P(alive), churn risk and expected purchases come from MBG/NBD.',
    });
    expect(
      stateNotice({ role: 'spend', model: 'gammagamma', status: 'ok', reason: null }).text,
    ).toBe('Expected spend per purchase comes from Gamma-Gamma.');
  });

  it('flags a degenerate model with the server’s reason', () => {
    expect(stateNotice(degenerate)).toEqual({
      key: 'purchase',
      tone: 'flagged',
      title: 'Predictions flagged',
      text:
        'MBG/NBD is degenerate (a = 3.07e+6 ran to the edge of the range): read it as rough. ' +
        'Predictions that rest on it are flagged.',
    });
  });

  it('says what is missing when a model failed, and why', () => {
    expect(stateNotice(failedSpend)).toEqual({
      key: 'spend',
      tone: 'failed',
      title: 'No predicted CLV',
      text: 'Gamma-Gamma could not be fitted (no repeat buyers): no expected spend or CLV.',
    });
    const purchase = stateNotice({
      ...failedSpend,
      role: 'purchase',
      model: 'bgnbd',
      reason: null,
    });
    expect([purchase.title, purchase.text]).toEqual([
      'No predictions',
      'BG/NBD could not be fitted.',
    ]);
  });

  it('tells how the purchase model was chosen', () => {
    expect(selectionNotice(holdout, 'mbgnbd')).toEqual({
      key: 'selection',
      tone: 'info',
      title: 'MBG/NBD chosen automatically',
      text:
        'Chosen because MBG/NBD predicted the holdout best: a mean absolute error of 1.078 ' +
        'repeat purchases per customer, against 1.086 for BG/NBD.',
    });
    const fallback = selectionNotice(
      {
        ...holdout,
        method: 'fallback',
        because: 'MBG/NBD without a comparison: the history is too short for a holdout check',
      },
      'mbgnbd',
    );
    expect([fallback.title, fallback.text]).toEqual([
      'MBG/NBD chosen without a comparison',
      'MBG/NBD without a comparison: the history is too short for a holdout check.',
    ]);
    expect(selectionNotice(null, 'paretonbd').title).toBe('Pareto/NBD set in the config');
  });

  it('reports a change of purchase model, and nothing without one', () => {
    expect(changeNotice({ from: 'bgnbd', to: 'mbgnbd' })?.title).toBe(
      'Purchase model changed: BG/NBD → MBG/NBD',
    );
    expect(changeNotice(null)).toBeNull();
  });

  it('puts the change first, then each model, then the choice', () => {
    const notices = modelNotices({
      states: [degenerate, failedSpend],
      selection: holdout,
      model: 'mbgnbd',
      change: { from: 'paretonbd', to: 'mbgnbd' },
    });
    expect(notices.map((n) => [n.key, n.tone])).toEqual([
      ['change', 'info'],
      ['purchase', 'flagged'],
      ['spend', 'failed'],
      ['selection', 'info'],
    ]);
    expect(modelNotices({ states: [], selection: null, model: 'sbg', change: null })).toEqual([]);
  });

  it('says why a view of the predictions is empty: P(alive) needs purchases, CLV both', () => {
    const okPurchase: ModelState = { role: 'purchase', model: 'bgnbd', status: 'ok', reason: null };
    expect(failedReason([okPurchase, failedSpend], 'purchase')).toBeNull();
    expect(failedReason([okPurchase, failedSpend], 'clv')).toBe(
      'No predictions: Gamma-Gamma could not be fitted (no repeat buyers): no expected spend or CLV.',
    );
    expect(failedReason([degenerate, failedSpend], 'purchase')).toBeNull();
    expect(failedReason([{ ...okPurchase, status: 'failed' }], 'purchase')).toBe(
      'No predictions: BG/NBD could not be fitted.',
    );
  });
});
