import type { ModelSelection, ModelState, Status } from '../../api/types';
import { modelName } from '../../format/model-name';
import { sentence } from '../../format/sentence';

/** One line of the models' status: a short title and the sentence that explains it. */
export interface ModelNotice {
  /** Stable, for tests: `purchase`, `spend`, `selection`, `change`. */
  key: string;
  /** ok and info read as news; flagged and failed as warnings. */
  tone: 'ok' | 'flagged' | 'failed' | 'info';
  title: string;
  text: string;
}

/** What each model gives when it is fitted, for the ok line. */
const GIVES = {
  purchase: 'P(alive), churn risk and expected purchases come from',
  spend: 'Expected spend per purchase comes from',
} as const;

/** What is missing when a model fails, as the notice's title. */
const MISSING = { purchase: 'No predictions', spend: 'No predicted CLV' } as const;

/**
 * One model's state in words: ok, flagged (degenerate: predictions rest on the stated
 * fallback) or failed (no predictions), with the server's reason.
 */
export function stateNotice(state: ModelState): ModelNotice {
  const name = modelName(state.model);
  if (state.status === 'ok') {
    return {
      key: state.role,
      tone: 'ok',
      title: `${name} fitted`,
      text: `${GIVES[state.role]} ${name}.`,
    };
  }
  if (state.status === 'degenerate') {
    return {
      key: state.role,
      tone: 'flagged',
      title: 'Predictions flagged',
      text: `${sentence(state.reason ?? `${name} is degenerate`)} Predictions that rest on it are flagged.`,
    };
  }
  return {
    key: state.role,
    tone: 'failed',
    title: MISSING[state.role],
    text: sentence(state.reason ?? `${name} could not be fitted`),
  };
}

/** How the purchase model was chosen: by `auto` on a holdout, by its fallback, or in the config. */
export function selectionNotice(selection: ModelSelection | null, model: string): ModelNotice {
  const name = modelName(selection?.chosen ?? model);
  if (!selection) {
    return {
      key: 'selection',
      tone: 'info',
      title: `${name} set in the config`,
      text: `The project's config names the purchase model (model.purchaseModel); with "auto" the shop's own holdout would choose among BG/NBD, MBG/NBD and Pareto/NBD.`,
    };
  }
  if (selection.method === 'fallback') {
    return {
      key: 'selection',
      tone: 'info',
      title: `${name} chosen without a comparison`,
      text: sentence(selection.because),
    };
  }
  return {
    key: 'selection',
    tone: 'info',
    title: `${name} chosen automatically`,
    text: `Chosen because ${sentence(selection.because)}`,
  };
}

/** A change of purchase model at the last refresh; null when there was none. */
export function changeNotice(change: Status['modelChange']): ModelNotice | null {
  if (!change) return null;
  const [from, to] = [modelName(change.from), modelName(change.to)];
  return {
    key: 'change',
    tone: 'info',
    title: `Purchase model changed: ${from} → ${to}`,
    text: `The last refresh chose ${to} where the refresh before it used ${from}, so P(alive), churn risk and audiences built on them may have moved.`,
  };
}

/** Every line of the models' status, in reading order: change, each model, the choice. */
export function modelNotices(input: {
  states: readonly ModelState[];
  selection: ModelSelection | null;
  model: string;
  change: Status['modelChange'];
}): ModelNotice[] {
  const change = changeNotice(input.change);
  return [
    ...(change ? [change] : []),
    ...input.states.map(stateNotice),
    ...(input.states.length > 0 ? [selectionNotice(input.selection, input.model)] : []),
  ];
}

/**
 * Why a view of the predictions is empty because a model it needs failed: P(alive) needs the
 * purchase model, predicted CLV both; null when they were fitted.
 */
export function failedReason(
  states: readonly ModelState[],
  need: 'purchase' | 'clv',
): string | null {
  const failed = states.find(
    (state) => state.status === 'failed' && (need === 'clv' || state.role === 'purchase'),
  );
  if (!failed) return null;
  return `No predictions: ${sentence(failed.reason ?? `${modelName(failed.model)} could not be fitted`)}`;
}
