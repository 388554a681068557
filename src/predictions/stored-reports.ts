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
