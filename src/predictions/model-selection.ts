import type { Config } from '../config/schema.js';
import { parameterVector } from '../predict/fit-model.js';
import type { FitStatus } from '../predict/fit.js';
import type { Warehouse } from '../store/warehouse.js';
import { outcomeStatus } from './fit-models.js';
import type { HoldoutGroup, HoldoutScore } from './holdout-comparison.js';
import { compareOnHoldout } from './holdout-comparison.js';
import { MODEL_LABELS, purchaseState } from './model-states.js';
import type { PurchaseModelName } from './purchase-models.js';

/** What `auto` compares, in the order that breaks ties (the same on every engine). */
export const AUTO_CANDIDATES: readonly PurchaseModelName[] = ['bgnbd', 'mbgnbd', 'paretonbd'];
/** What `auto` takes when the shop is too short to compare on a holdout. */
export const AUTO_FALLBACK: PurchaseModelName = 'mbgnbd';

// The candidates are compared on a fixed sample of this many calibration customers at most:
// plenty to tell the models apart, and it keeps the choice's cost the same at any size.
export const AUTO_SAMPLE = 20_000;
// Below this many days of holdout (or of calibration) a comparison measures noise.
const MIN_PERIOD_DAYS = 28;
const MONTH_DAYS = 365.25 / 12;
const MAX_AUTO_HOLDOUT_MONTHS = 12;

/** One candidate of `auto`: fitted on the calibration period, scored on the holdout. */
export interface CandidateScore {
  model: PurchaseModelName;
  status: FitStatus;
  /** Why the candidate is not ok; null when it is. */
  reason: string | null;
  /** Repeat purchases over all calibration customers in the holdout: predicted (null when failed) and actual. */
  predictedTotal: number | null;
  actualTotal: number;
  /** |predicted − actual| / actual of the totals; null when failed or nothing happened. */
  totalError: number | null;
  /** Mean over customers of |predicted − actual| repeat purchases: what `auto` ranks by. */
  meanAbsoluteError: number | null;
  /** The per-frequency calibration table. */
  groups: HoldoutGroup[];
}

/** How `model.purchaseModel: "auto"` chose the purchase model. */
export interface ModelSelection {
  /** `holdout` when the candidates were compared; `fallback` when the shop was too short to. */
  method: 'holdout' | 'fallback';
  holdoutFrom: string | null;
  calibrationEnd: string | null;
  holdoutEnd: string | null;
  holdoutDays: number | null;
  candidates: CandidateScore[];
  chosen: PurchaseModelName;
  /** "chosen because …", for people. */
  because: string;
}

/** The choice, and the chosen candidate's calibration estimates to start its final fit from. */
export interface ModelChoice {
  selection: ModelSelection;
  start: number[] | null;
}

/**
 * `auto`: fits every candidate on a calibration period, scores each on the holdout that
 * follows (the last `model.holdoutMonths`, by default a quarter of the history, at most 12
 * months), and chooses the lowest mean absolute error per customer among the candidates in
 * the best status (ok before degenerate; failed ones never). A shop too short for a holdout,
 * or one where every candidate fails on the calibration period, gets the fallback model.
 * Fits and scores use at most AUTO_SAMPLE calibration customers.
 */
export async function choosePurchaseModel(
  warehouse: Warehouse,
  config: Config,
): Promise<ModelChoice> {
  const [range] = await warehouse.query<{ first: string | null; last: string | null }>(
    `SELECT CAST(min(day) AS VARCHAR) AS first, CAST(max(day) AS VARCHAR) AS last FROM orders
     WHERE outcome = 'success'`,
  );
  const plan = holdoutPlan(range?.first ?? null, range?.last ?? null, config);
  if (!plan) {
    return {
      selection: fallback(
        null,
        `the history is too short for a holdout check (the holdout and the calibration before it need ${MIN_PERIOD_DAYS} days each; by default the holdout is a quarter of the history, so about four months of orders are needed)`,
      ),
      start: null,
    };
  }
  const comparison = await compareOnHoldout(
    warehouse,
    config,
    AUTO_CANDIDATES,
    plan.holdoutFrom,
    AUTO_SAMPLE,
  );
  const candidates = comparison.scores.map(candidateScore);
  const period = {
    holdoutFrom: comparison.holdoutFrom,
    calibrationEnd: comparison.calibrationEnd,
    holdoutEnd: comparison.holdoutEnd,
    holdoutDays: plan.holdoutDays,
  };
  const best = pickBest(candidates);
  if (!best) {
    return {
      selection: {
        ...fallback(candidates, 'no candidate could be fitted on the calibration period'),
        ...period,
      },
      start: null,
    };
  }
  const fit = comparison.scores.find((score) => score.outcome.model === best.model)?.outcome.fit;
  return {
    selection: {
      method: 'holdout',
      ...period,
      candidates,
      chosen: best.model,
      because: because(best, candidates, period),
    },
    start: fit ? parameterVector(fit) : null,
  };
}

/** The holdout's first day and length, or null when the history is too short for one. */
export function holdoutPlan(
  first: string | null,
  last: string | null,
  config: Config,
): { holdoutFrom: string; holdoutDays: number } | null {
  if (!first || !last) return null;
  const day = 86_400_000;
  const history = Math.round((Date.parse(last) - Date.parse(first)) / day) + 1;
  const configured = config.model.holdoutMonths;
  const holdoutDays = Math.round(
    configured === null
      ? Math.min(history / 4, MAX_AUTO_HOLDOUT_MONTHS * MONTH_DAYS)
      : configured * MONTH_DAYS,
  );
  if (holdoutDays < MIN_PERIOD_DAYS || history - holdoutDays < MIN_PERIOD_DAYS) return null;
  const holdoutFrom = new Date(Date.parse(last) - (holdoutDays - 1) * day)
    .toISOString()
    .slice(0, 10);
  return { holdoutFrom, holdoutDays };
}

function candidateScore(score: HoldoutScore): CandidateScore {
  const state = purchaseState(score.outcome);
  let status = outcomeStatus(score.outcome);
  let reason = state.reason;
  if (status !== 'failed' && score.notFinite > 0) {
    status = 'failed';
    reason = `no finite forecast for ${score.notFinite} calibration histories`;
  }
  const predicted = status === 'failed' ? null : score.total.predicted;
  const actual = score.total.actual;
  return {
    model: score.outcome.model,
    status,
    reason,
    predictedTotal: predicted,
    actualTotal: actual,
    totalError: predicted !== null && actual > 0 ? Math.abs(predicted - actual) / actual : null,
    meanAbsoluteError: status === 'failed' ? null : score.meanAbsoluteError,
    groups: status === 'failed' ? [] : score.groups,
  };
}

/** The lowest error among the best-status candidates; ties keep the candidates' order. */
export function pickBest(candidates: readonly CandidateScore[]): CandidateScore | null {
  for (const status of ['ok', 'degenerate'] as const) {
    let best: CandidateScore | null = null;
    for (const candidate of candidates) {
      if (candidate.status !== status || candidate.meanAbsoluteError === null) continue;
      if (!best || candidate.meanAbsoluteError < (best.meanAbsoluteError ?? Infinity)) {
        best = candidate;
      }
    }
    if (best) return best;
  }
  return null;
}

function fallback(candidates: CandidateScore[] | null, why: string): ModelSelection {
  return {
    method: 'fallback',
    holdoutFrom: null,
    calibrationEnd: null,
    holdoutEnd: null,
    holdoutDays: null,
    candidates: candidates ?? [],
    chosen: AUTO_FALLBACK,
    because: `${label(AUTO_FALLBACK)} without a comparison: ${why}`,
  };
}

function because(
  best: CandidateScore,
  candidates: readonly CandidateScore[],
  period: { calibrationEnd: string; holdoutFrom: string; holdoutEnd: string },
): string {
  const error = (c: CandidateScore) => (c.meanAbsoluteError ?? NaN).toFixed(3);
  const others = candidates
    .filter((c) => c !== best)
    .map((c) =>
      c.status === 'failed' ? `${label(c.model)} failed` : `${error(c)} for ${label(c.model)}`,
    );
  const degenerate =
    best.status === 'degenerate' ? ' (every candidate that could be fitted is degenerate)' : '';
  return `${label(best.model)} predicted the holdout best: a mean absolute error of ${error(best)} repeat purchases per customer${others.length > 0 ? `, against ${listed(others)}` : ''}; fitted on orders to ${period.calibrationEnd}, checked on ${period.holdoutFrom} .. ${period.holdoutEnd}${degenerate}`;
}

const label = (model: string): string => MODEL_LABELS[model] ?? model;

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
