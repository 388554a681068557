import { describe, expect, it } from 'vitest';
import { clvToCacNote, predictedClvNote, predictionSpan } from './prediction-note';

const context = { currency: 'EUR', locale: 'en-US' };
const reason = 'Gamma-Gamma is degenerate (q at 1): expected spend is the shrunk mean';

describe('notes on KPIs that rest on the predictions', () => {
  it('dates the predictions and names their horizon', () => {
    expect(predictionSpan('2026-10-31', 12, context)).toBe('As of Oct 31, 2026, next 12 months.');
    expect(predictionSpan(null, undefined, context)).toBe(
      'As of the latest data, over the model’s horizon.',
    );
  });

  it('says under predicted CLV when it is flagged or missing, with the reason', () => {
    const span = 'As of Oct 31, 2026, next 12 months.';
    expect(predictedClvNote({ status: 'ok', reason: null }, span)).toEqual({
      status: 'ok',
      text: span,
      reason: null,
    });
    expect(predictedClvNote({ status: 'degenerate', reason }, span)).toEqual({
      status: 'degenerate',
      text: 'As of Oct 31, 2026, next 12 months. Flagged: a fallback stands in for a model.',
      reason: 'Gamma-Gamma is degenerate (q at 1): expected spend is the shrunk mean.',
    });
    expect(
      predictedClvNote({ status: 'failed', reason: 'BG/NBD could not be fitted' }, span),
    ).toEqual({
      status: 'failed',
      text: 'No predicted CLV: a model could not be fitted.',
      reason: 'BG/NBD could not be fitted.',
    });
    expect(predictedClvNote({ status: 'none', reason: null }, span).text).toBe(
      'No predicted CLV: no model is fitted yet.',
    );
  });

  it('says which CLV CLV:CAC divides: predicted (flagged or not) or rolling', () => {
    expect(clvToCacNote({ status: 'ok', reason: null }).text).toBe('With predicted CLV.');
    expect(clvToCacNote({ status: 'degenerate', reason }).text).toBe(
      'With predicted CLV, flagged: a fallback stands in for a model.',
    );
    expect(clvToCacNote({ status: 'failed', reason: 'BG/NBD could not be fitted' })).toEqual({
      status: 'failed',
      text: 'With rolling CLV: a model could not be fitted.',
      reason: 'BG/NBD could not be fitted.',
    });
    expect(clvToCacNote({ status: 'none', reason: null }).text).toBe(
      'With rolling CLV: no model is fitted yet.',
    );
  });
});
