import type { ModelState } from '../model/derived-table.js';
import type { FittedModels, PurchaseOutcome, SpendOutcome } from './fit-models.js';
import { outcomeStatus } from './fit-models.js';

/** Model names as people read them. */
export const MODEL_LABELS: Record<string, string> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  paretonbd: 'Pareto/NBD',
  gammagamma: 'Gamma-Gamma',
  sbg: 'shifted-beta-geometric',
};

const label = (model: string): string => MODEL_LABELS[model] ?? model;

/** What the purchase model's outcome means for the predictions, in words. */
export function purchaseState(outcome: PurchaseOutcome): ModelState {
  const status = outcomeStatus(outcome);
  const name = label(outcome.model);
  let reason: string | null = null;
  if (status === 'failed') {
    reason = `${name} could not be fitted (${stripModel(outcome.error)}): no P(alive), purchases or CLV`;
  } else if (status === 'degenerate') {
    reason = `${name} is degenerate (${outcome.fit?.reasons.join('; ')}): its estimates are used as fitted, so read P(alive) and purchases as rough`;
  }
  return { role: 'purchase', model: outcome.model, status, reason };
}

/** What the spend model's outcome means for predicted CLV, in words. */
export function spendState(outcome: SpendOutcome): ModelState {
  const status = outcomeStatus(outcome);
  let reason: string | null = null;
  if (status === 'failed') {
    reason = `Gamma-Gamma could not be fitted (${stripModel(outcome.error)}): no expected spend or CLV`;
  } else if (status === 'degenerate') {
    reason = `Gamma-Gamma is degenerate (${outcome.fit?.reasons.join('; ')}): expected spend is each customer's mean repeat spend shrunk toward the median, ${formatMoney(outcome.fallbackMedian)}, as (x × mean + median) / (x + 1)`;
  }
  return { role: 'spend', model: 'gammagamma', status, reason };
}

/** Both states, purchase first. */
export function modelStates(fitted: Pick<FittedModels, 'purchase' | 'spend'>): ModelState[] {
  return [purchaseState(fitted.purchase), spendState(fitted.spend)];
}

// Errors from the models start with the model's name ("BG/NBD: …"), which the state says already.
function stripModel(error: string | null): string {
  return (error ?? 'unknown reason').replace(/^[\w/-]+: /, '');
}

function formatMoney(value: number | null): string {
  return value === null ? '?' : Number(value.toPrecision(6)).toString();
}
