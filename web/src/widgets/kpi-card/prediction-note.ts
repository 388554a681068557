import type { PredictionState } from '../../api/types';
import { formatDay, type FormatContext } from '../../format/format';
import { sentence } from '../../format/sentence';

/** A line under a KPI that rests on the predictions: what it rests on, and why when not ok. */
export interface PredictionNote {
  status: PredictionState['status'];
  text: string;
  /** The server's reason, shown on request; null when the models were ok. */
  reason: string | null;
}

/** When the predictions were made and how far they look: "As of Oct 31, 2026, next 12 months." */
export function predictionSpan(
  asOf: string | null,
  horizonMonths: number | undefined,
  context: FormatContext,
): string {
  const day = asOf ? `As of ${formatDay(asOf, context.locale)}` : 'As of the latest data';
  return `${day}, ${horizonMonths ? `next ${horizonMonths} months` : 'over the model’s horizon'}.`;
}

/** What the predicted CLV card says under its value. */
export function predictedClvNote(state: PredictionState, span: string): PredictionNote {
  const reason = state.reason && sentence(state.reason);
  switch (state.status) {
    case 'ok':
      return { status: 'ok', text: span, reason: null };
    case 'degenerate':
      return {
        status: 'degenerate',
        text: `${span} Flagged: a fallback stands in for a model.`,
        reason,
      };
    case 'failed':
      return { status: 'failed', text: 'No predicted CLV: a model could not be fitted.', reason };
    case 'none':
      return { status: 'none', text: 'No predicted CLV: no model is fitted yet.', reason: null };
  }
}

/** What the CLV:CAC card says about the CLV it divides: predicted, flagged, or rolling instead. */
export function clvToCacNote(state: PredictionState): PredictionNote {
  const reason = state.reason && sentence(state.reason);
  switch (state.status) {
    case 'ok':
      return { status: 'ok', text: 'With predicted CLV.', reason: null };
    case 'degenerate':
      return {
        status: 'degenerate',
        text: 'With predicted CLV, flagged: a fallback stands in for a model.',
        reason,
      };
    case 'failed':
      return { status: 'failed', text: 'With rolling CLV: a model could not be fitted.', reason };
    case 'none':
      return { status: 'none', text: 'With rolling CLV: no model is fitted yet.', reason: null };
  }
}
