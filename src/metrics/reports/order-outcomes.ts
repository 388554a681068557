import type { Config } from '../../config/schema.js';
import type { SqlValue, Warehouse } from '../../store/warehouse.js';
import type { Period } from '../period.js';
import { ratio } from '../ratio.js';
import { resolveReportPeriod } from '../report-inputs.js';
import { createMembers, parseSegmentation } from '../segments.js';
import { monthsOf } from '../series.js';

/** Orders of one outcome: how many, and what their amounts add up to (base currency). */
export interface OutcomeFigures {
  orders: number;
  value: number;
}

/** Orders by outcome, and the glossary's cancel and return rates over them. */
export interface OutcomeTotals {
  success: OutcomeFigures;
  canceled: OutcomeFigures;
  returned: OutcomeFigures;
  /** Orders whose status is none of the mapped values: in neither rate. */
  other: OutcomeFigures;
  cancelRate: number | null;
  returnRate: number | null;
}

/** Successful, canceled and returned orders per month of a period: purchase success over time. */
export interface OrderOutcomesReport {
  period: Period;
  currency: string;
  /** Set when the figures are for one group of a segmentation. */
  segment: { segmentation: string; group: string } | null;
  /** Every month that overlaps the period (YYYY-MM), months without orders included. */
  months: ({ month: string } & OutcomeTotals)[];
  total: OutcomeTotals;
}

const OUTCOMES = ['success', 'canceled', 'returned', 'other'] as const;

let scratch = 0;

/**
 * Orders in the period (by their time, the earliest event's) grouped by month and by outcome
 * (the status of their latest event), with their count and value, for all customers or for
 * one group of a segmentation (membership as of the period's end, as the metrics report).
 */
export async function orderOutcomesReport(
  warehouse: Warehouse,
  config: Config,
  options: { from?: string; to?: string; segment?: string; group?: string },
): Promise<OrderOutcomesReport> {
  const segmentation = parseSegmentation(options.segment);
  const period = await resolveReportPeriod(warehouse, options);
  const members = `members_outcomes_${process.pid}_${(scratch += 1)}`;
  const segmented = segmentation.kind !== 'all';
  const filtered = segmented && options.group !== undefined;
  const params: Record<string, SqlValue> = { from: period.from, to: period.to };
  try {
    // Built even without a group, so an unknown attribute is refused either way.
    if (segmented) await createMembers(warehouse, config, segmentation, period.to, members);
    if (filtered) params['group'] = options.group ?? '';
    const rows = await warehouse.query<{
      month: string;
      outcome: (typeof OUTCOMES)[number];
      orders: number;
      value: number;
    }>(
      `SELECT ${warehouse.dialect.monthLabel("date_trunc('month', o.ts_local)")} AS month, o.outcome,
              count(*)::INTEGER AS orders, coalesce(sum(o.amount), 0)::DOUBLE AS value
       FROM orders o
       ${filtered ? `JOIN ${members} m ON m.customer_id = o.customer_id AND m.segment = $group` : ''}
       WHERE o.ts_local >= $from::TIMESTAMP AND o.ts_local < $to::TIMESTAMP
       GROUP BY ALL`,
      params,
    );
    const months = monthsOf(period).map((first) => {
      const month = first.slice(0, 7);
      return { month, ...totals(rows.filter((row) => row.month === month)) };
    });
    return {
      period,
      currency: config.baseCurrency,
      segment:
        filtered && options.segment
          ? { segmentation: options.segment, group: options.group ?? '' }
          : null,
      months,
      total: totals(rows),
    };
  } finally {
    await warehouse.scratch.drop(members);
  }
}

function totals(
  rows: readonly { outcome: (typeof OUTCOMES)[number]; orders: number; value: number }[],
): OutcomeTotals {
  const figures = (outcome: (typeof OUTCOMES)[number]): OutcomeFigures => {
    const of = rows.filter((row) => row.outcome === outcome);
    return {
      orders: of.reduce((sum, row) => sum + row.orders, 0),
      value: of.reduce((sum, row) => sum + row.value, 0),
    };
  };
  const [success, canceled, returned, other] = OUTCOMES.map(figures) as [
    OutcomeFigures,
    OutcomeFigures,
    OutcomeFigures,
    OutcomeFigures,
  ];
  const counted = success.orders + canceled.orders + returned.orders;
  return {
    success,
    canceled,
    returned,
    other,
    cancelRate: ratio(canceled.orders + returned.orders, counted),
    returnRate: ratio(returned.orders, counted),
  };
}
