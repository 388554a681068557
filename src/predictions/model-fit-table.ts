import type { ModelState } from '../model/derived-table.js';
import { tableExists } from '../model/store-state.js';
import type { ModelFit } from '../predict/fit.js';
import type { Warehouse } from '../store/warehouse.js';
import type { ModelSelection } from './model-selection.js';
import { TABLE } from '../model/table-names.js';

/** A row of `model_fit`: a model's state after the last refresh, with its fit when it has one. */
export interface StoredFit extends ModelState {
  fit: ModelFit | null;
  /** How `auto` chose the purchase model; null for a configured model and for spend. */
  selection: ModelSelection | null;
}

/** Creates `model_fit` in `schema` and writes one row per model. */
export async function writeModelFits(
  warehouse: Warehouse,
  schema: string,
  rows: readonly StoredFit[],
): Promise<void> {
  await warehouse.run(
    `CREATE TABLE ${schema}.model_fit (
       role VARCHAR, model VARCHAR, status VARCHAR, reason VARCHAR, fit JSON, selection JSON)`,
  );
  for (const row of rows) {
    await warehouse.run(
      `INSERT INTO ${schema}.model_fit
       VALUES ($role, $model, $status, $reason, $fit::JSON, $selection::JSON)`,
      {
        role: row.role,
        model: row.model,
        status: row.status,
        reason: row.reason,
        fit: row.fit ? JSON.stringify(row.fit) : null,
        selection: row.selection ? JSON.stringify(row.selection) : null,
      },
    );
  }
}

/** The models of the last refresh, purchase first; null when the store has never been refreshed. */
export async function storedFits(warehouse: Warehouse): Promise<StoredFit[] | null> {
  if (!(await tableExists(warehouse, TABLE.modelFit))) return null;
  return readStoredFits(warehouse, TABLE.modelFit);
}

/**
 * The rows of a `model_fit` table, purchase first: the published one, or the one a refresh is
 * building (`schema.model_fit`, which later refresh steps read). The name is the caller's.
 */
export async function readStoredFits(warehouse: Warehouse, table: string): Promise<StoredFit[]> {
  const rows = await warehouse.query(`SELECT * FROM ${table} ORDER BY role`);
  return rows.map((row) => {
    const fit = typeof row['fit'] === 'string' ? (JSON.parse(row['fit']) as ModelFit) : null;
    // Stores refreshed before statuses existed have an `error` column instead.
    const reason = row['reason'] ?? row['error'] ?? null;
    const status = row['status'] ?? (fit ? 'ok' : 'failed');
    return {
      role: row['role'] === 'spend' ? 'spend' : 'purchase',
      model: String(row['model']),
      status: status === 'degenerate' || status === 'failed' ? status : 'ok',
      reason: typeof reason === 'string' ? reason : null,
      fit: fit ? { ...fit, status: fit.status ?? 'ok', reasons: fit.reasons ?? [] } : null,
      selection:
        typeof row['selection'] === 'string'
          ? (JSON.parse(row['selection']) as ModelSelection)
          : null,
    };
  });
}
