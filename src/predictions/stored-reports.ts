import type { ModelFit } from '../predict/fit.js';
import { tableExists } from '../metrics/report-inputs.js';
import type { Warehouse } from '../store/warehouse.js';
import type { HoldoutReport } from './holdout.js';

/** Keeps a holdout report for the dashboard's calibration chart; returns its id. */
export async function saveHoldoutReport(
  warehouse: Warehouse,
  report: HoldoutReport,
): Promise<number> {
  const [row] = await warehouse.query<{ id: number }>(
    `INSERT INTO holdout_reports
     SELECT (SELECT coalesce(max(report_id), 0) + 1 FROM holdout_reports),
            current_timestamp AT TIME ZONE 'UTC', $model, $from::DATE, $report::JSON
     RETURNING report_id AS id`,
    { model: report.model, from: report.holdoutFrom, report: JSON.stringify(report) },
  );
  return row?.id ?? 0;
}

/** The latest holdout report, or null when none was made. */
export async function latestHoldoutReport(warehouse: Warehouse): Promise<HoldoutReport | null> {
  const [row] = await warehouse.query<{ report: string }>(
    `SELECT CAST(report AS VARCHAR) AS report FROM holdout_reports
     ORDER BY report_id DESC LIMIT 1`,
  );
  return row ? (JSON.parse(row.report) as HoldoutReport) : null;
}

export interface StoredFit {
  role: 'purchase' | 'spend';
  model: string;
  fit: ModelFit | null;
  error: string | null;
}

/** The fits of the last refresh, or null when the store was refreshed before models existed. */
export async function storedFits(warehouse: Warehouse): Promise<StoredFit[] | null> {
  if (!(await tableExists(warehouse, 'model_fit'))) return null;
  const rows = await warehouse.query<{
    role: 'purchase' | 'spend';
    model: string;
    fit: string | null;
    error: string | null;
  }>(`SELECT role, model, CAST(fit AS VARCHAR) AS fit, error FROM model_fit ORDER BY role`);
  return rows.map((row) => ({
    role: row.role,
    model: row.model,
    fit: row.fit ? (JSON.parse(row.fit) as ModelFit) : null,
    error: row.error,
  }));
}
