import { bgNbd } from '../predict/bg-nbd.js';
import { mbgNbd } from '../predict/mbg-nbd.js';
import { paretoNbd } from '../predict/pareto-nbd.js';
import type { PurchaseModel } from '../predict/purchase-model.js';

export type PurchaseModelName = 'bgnbd' | 'mbgnbd' | 'paretonbd';

/** The purchase models a project can choose (`model.purchaseModel`, `clv predict --model`). */
export const purchaseModels: Record<PurchaseModelName, PurchaseModel> = {
  bgnbd: bgNbd,
  mbgnbd: mbgNbd,
  paretonbd: paretoNbd,
};
