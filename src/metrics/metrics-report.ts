import type { Config } from '../config/schema.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { KPI_KEYS, periodKpis, type KpiKey, type KpiValues } from './kpis.js';
import { previousPeriod, resolvePeriod, type Period } from './period.js';
import { change } from './ratio.js';
import { createMembers, parseSegmentation } from './segments.js';

export interface Kpi {
  value: number | null;
  previous: number | null;
  change: number | null;
}

export type KpiReport = Record<KpiKey, Kpi>;

/** The JSON of `clv metrics --json`. */
export interface MetricsReport {
  period: Period;
  previousPeriod: Period;
  currency: string;
  kpis: KpiReport;
  segments?: { segment: string; customers: number; kpis: KpiReport }[];
}

export interface MetricsOptions {
  from?: string;
  to?: string;
  segment?: string;
}

let scratch = 0;

/** Fails with a clear message when `clv refresh` has not built the derived tables yet. */
export async function requireDerivedTables(warehouse: Warehouse): Promise<void> {
  const [row] = await warehouse.query<{ n: number }>(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'customer_activity' AND NOT temporary`,
  );
  if (!row?.n) throw new ClvError('usage', 'no derived tables yet: run clv refresh first');
}

/**
 * Every KPI of the glossary for a period against its previous period, for all customers and,
 * with a segmentation, for each segment (membership decided once, as of `to`).
 */
export async function metricsReport(
  warehouse: Warehouse,
  config: Config,
  options: MetricsOptions,
): Promise<MetricsReport> {
  await requireDerivedTables(warehouse);
  const segmentation = parseSegmentation(options.segment);
  const period = await resolvePeriod(warehouse, options);
  if (!period) throw new ClvError('usage', 'there are no orders yet: pass --from and --to');
  const previous = previousPeriod(period);
  const beforePrevious = previousPeriod(previous);
  const tag = `${process.pid}_${(scratch += 1)}`;
  const everyone = `members_all_${tag}`;
  const segmented = `members_segments_${tag}`;
  try {
    await createMembers(warehouse, config, { kind: 'all' }, period.to, everyone);
    const compare = async (members: string, kind = segmentation) => {
      const now = await periodKpis(warehouse, config, members, kind, period, previous);
      const then = await periodKpis(warehouse, config, members, kind, previous, beforePrevious);
      return { now, then };
    };
    const all = await compare(everyone, { kind: 'all' });
    const report: MetricsReport = {
      period,
      previousPeriod: previous,
      currency: config.baseCurrency,
      kpis: kpiReport(all.now.get('all'), all.then.get('all')),
    };
    if (segmentation.kind !== 'all') {
      await createMembers(warehouse, config, segmentation, period.to, segmented);
      const bySegment = await compare(segmented);
      const counts = await warehouse.query<{ segment: string; customers: number }>(
        `SELECT segment, count(*) AS customers FROM ${segmented} GROUP BY segment
         ORDER BY segment = 'other', segment = 'not subscribed', customers DESC, segment`,
      );
      report.segments = counts.map(({ segment, customers }) => ({
        segment,
        customers,
        kpis: kpiReport(bySegment.now.get(segment), bySegment.then.get(segment)),
      }));
    }
    return report;
  } finally {
    await warehouse.run(`DROP TABLE IF EXISTS ${everyone}`);
    await warehouse.run(`DROP TABLE IF EXISTS ${segmented}`);
  }
}

function kpiReport(now: KpiValues | undefined, then: KpiValues | undefined): KpiReport {
  const report = {} as KpiReport;
  for (const key of KPI_KEYS) {
    const value = now?.[key] ?? null;
    const previous = then?.[key] ?? null;
    report[key] = { value, previous, change: change(value, previous) };
  }
  return report;
}
