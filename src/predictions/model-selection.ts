import type { FitStatus } from '../predict/fit.js';
import type { HoldoutGroup } from './holdout.js';
import type { PurchaseModelName } from './purchase-models.js';

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
