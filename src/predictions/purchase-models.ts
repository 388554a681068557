import { bgNbd } from '../predict/bg-nbd.js';
import { paretoNbd } from '../predict/pareto-nbd.js';
import type { PurchaseModel } from '../predict/purchase-model.js';

export type PurchaseModelName = 'bgnbd' | 'paretonbd';

/** The purchase models a project can choose (`model.purchaseModel`, `clv predict --model`). */
export const purchaseModels: Record<PurchaseModelName, PurchaseModel> = {
  bgnbd: bgNbd,
  paretonbd: paretoNbd,
};
