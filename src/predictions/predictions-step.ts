import type { ComputedStep, ComputedTables } from '../model/derived-table.js';
import { unitDays } from '../model/tables/purchase-summary.js';
import { fitModels } from './fit-models.js';
import { AUTO_FALLBACK, choosePurchaseModel } from './model-selection.js';
import { writeModelFits } from './model-fit-table.js';
import { purchaseState, spendState } from './model-states.js';
import { writePredictions } from './predictions-table.js';
import { TABLE } from '../model/table-names.js';

/**
 * The refresh step that fits the purchase model (the configured one, or the one `auto`
 * chooses on a holdout) and Gamma-Gamma to `purchase_summary` and writes
 * `customer_predictions` and `model_fit`. It never fails
 * because of a model: a model that cannot be fitted, or fits degenerately, is recorded with
 * its status and reason, and the predictions that rest on it are NULL or flagged.
 */
export const predictionsStep: ComputedStep = async ({ warehouse, config, schema }) => {
  const configured = config.model.purchaseModel;
  const choice = configured === 'auto' ? await choosePurchaseModel(warehouse, config) : null;
  const selection = choice?.selection ?? null;
  const fitted = await fitModels(
    warehouse,
    `${schema}.purchase_summary`,
    undefined,
    selection?.chosen ?? (configured === 'auto' ? AUTO_FALLBACK : configured),
    unitDays(config),
    choice?.start ?? undefined,
  );
  const purchase = purchaseState(fitted.purchase);
  const spend = spendState(fitted.spend);
  await writePredictions(warehouse, config, schema, fitted, { purchase, spend });
  await writeModelFits(warehouse, schema, [
    { ...purchase, fit: fitted.purchase.fit, selection },
    { ...spend, fit: fitted.spend.fit, selection: null },
  ]);
  const [count] = await warehouse.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${schema}.customer_predictions`,
  );
  const warnings: string[] = [];
  if (selection?.method === 'fallback') warnings.push(`auto chose ${selection.because}`);
  for (const fit of [fitted.purchase.fit, fitted.spend.fit]) {
    for (const warning of fit?.warnings ?? []) warnings.push(`${fit?.model}: ${warning}`);
  }
  const result: ComputedTables = {
    tables: [
      { name: TABLE.customerPredictions, rows: count?.n ?? 0 },
      { name: TABLE.modelFit, rows: 2 },
    ],
    warnings,
    models: [purchase, spend],
  };
  return result;
};
