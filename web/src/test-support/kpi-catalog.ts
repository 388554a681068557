// The server's own catalogue, so widget tests read the labels the API serves.
import { KPI_CATALOG } from '../../../src/metrics/catalog';
import { kpiLookup, type KpiLookup } from '../api/kpi-catalog';

/** The catalogue as the dashboard holds it once GET /metrics/catalog has answered. */
export const KPIS: KpiLookup = kpiLookup({ kpis: [...KPI_CATALOG] });
