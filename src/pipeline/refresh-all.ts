import type { Config } from '../config/schema.js';
import { refresh, type RefreshStepListener, type RefreshSummary } from '../model/refresh.js';
import { derivedTables } from '../model/registry.js';
import { predictionsStep } from '../predictions/predictions-step.js';
import { featuresStep } from '../segments/features-step.js';
import type { Warehouse } from '../store/warehouse.js';

/**
 * The whole refresh, in the order the product promises: every derived table, then the
 * predictions that read them, published together. What `clv refresh`, `POST /refresh` and the
 * schedule run; later steps (datasets, audiences) join here.
 */
export function refreshAll(
  warehouse: Warehouse,
  config: Config,
  onStep?: RefreshStepListener,
): Promise<RefreshSummary> {
  return refresh(warehouse, config, derivedTables, [predictionsStep, featuresStep], onStep);
}
