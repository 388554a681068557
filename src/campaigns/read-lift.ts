import type { Warehouse } from '../store/warehouse.js';
import type {
  CampaignAudience,
  Difference,
  Lift,
  LiftAbsent,
  LiftGroup,
  WinbackReport,
  WinbackWindow,
} from './campaign-types.js';
import { inByteOrder } from '../store/sql-dialect.js';

type LiftRow = {
  campaign_id: string;
  audience_key: string;
  send_at: string;
  window_days: number;
  activation_id: string | null;
  reason: LiftAbsent['reason'] | null;
  message: string | null;
  treated_customers: number;
  treated_converters: number;
  treated_revenue: number;
  control_customers: number;
  control_converters: number;
  control_revenue: number;
  conversion_diff: number | null;
  conversion_low: number | null;
  conversion_high: number | null;
  conversion_significant: boolean | null;
  revenue_diff: number | null;
  revenue_low: number | null;
  revenue_high: number | null;
  revenue_significant: boolean | null;
};

function group(customers: number, converters: number, revenue: number): LiftGroup {
  return {
    customers,
    converters,
    conversionRate: customers > 0 ? converters / customers : 0,
    revenue,
    revenuePerCustomer: customers > 0 ? revenue / customers : 0,
  };
}

function difference(
  method: Difference['method'],
  value: number | null,
  low: number | null,
  high: number | null,
  significant: boolean | null,
): Difference {
  return { value: value ?? 0, low: low ?? 0, high: high ?? 0, method, significant: !!significant };
}

/** The stored lift of the campaigns whose ids are given, by campaign. */
export async function readLift(
  warehouse: Warehouse,
  ids: readonly string[],
  name: (key: string) => CampaignAudience,
): Promise<Map<string, { lift: Lift[]; liftAbsent: LiftAbsent[] }>> {
  const rows = await warehouse.query<LiftRow>(
    `SELECT * EXCLUDE (send_at, treated_customers, treated_converters, control_customers,
                       control_converters),
            strftime(send_at, '%Y-%m-%dT%H:%M:%SZ') AS send_at,
            treated_customers::DOUBLE AS treated_customers,
            treated_converters::DOUBLE AS treated_converters,
            control_customers::DOUBLE AS control_customers,
            control_converters::DOUBLE AS control_converters
     FROM campaign_lift WHERE ${warehouse.dialect.listContains('$ids', 'campaign_id')}
     ORDER BY ${inByteOrder(warehouse.dialect, 'campaign_id', 'audience_key')}`,
    { ids },
  );
  const byCampaign = new Map<string, { lift: Lift[]; liftAbsent: LiftAbsent[] }>();
  for (const row of rows) {
    const entry = byCampaign.get(row.campaign_id) ?? { lift: [], liftAbsent: [] };
    const audience = name(row.audience_key);
    if (row.reason !== null) {
      entry.liftAbsent.push({ audience, reason: row.reason, message: row.message ?? '' });
    } else {
      entry.lift.push({
        audience,
        activationId: row.activation_id ?? '',
        sendAt: row.send_at,
        windowDays: row.window_days,
        treated: group(row.treated_customers, row.treated_converters, row.treated_revenue),
        control: group(row.control_customers, row.control_converters, row.control_revenue),
        conversion: difference(
          'newcombe',
          row.conversion_diff,
          row.conversion_low,
          row.conversion_high,
          row.conversion_significant,
        ),
        revenuePerCustomer: difference(
          'welch',
          row.revenue_diff,
          row.revenue_low,
          row.revenue_high,
          row.revenue_significant,
        ),
      });
    }
    byCampaign.set(row.campaign_id, entry);
  }
  return byCampaign;
}

type WinbackRow = {
  audience_id: string;
  days: number;
  reason: string | null;
  treated_eligible: number;
  treated_reactivated: number;
  control_eligible: number;
  control_reactivated: number;
  difference: number | null;
  difference_low: number | null;
  difference_high: number | null;
  significant: boolean | null;
};

/** The winback audiences' reactivation, as the last refresh stored it. */
export async function readWinback(
  warehouse: Warehouse,
  name: (key: string) => CampaignAudience,
): Promise<WinbackReport[]> {
  const rows = await warehouse.query<WinbackRow>(
    `SELECT audience_id, days, reason, difference, difference_low, difference_high, significant,
            treated_eligible::DOUBLE AS treated_eligible,
            treated_reactivated::DOUBLE AS treated_reactivated,
            control_eligible::DOUBLE AS control_eligible,
            control_reactivated::DOUBLE AS control_reactivated
     FROM campaign_winback ORDER BY ${warehouse.dialect.inByteOrder('audience_id')}, days`,
  );
  const reports = new Map<string, WinbackReport>();
  for (const row of rows) {
    const report = reports.get(row.audience_id) ?? {
      audience: name(row.audience_id),
      windows: [],
      reason: row.reason,
    };
    const share = (eligible: number, reactivated: number) => ({
      eligible,
      reactivated,
      share: eligible > 0 ? reactivated / eligible : null,
    });
    report.windows.push({
      days: row.days as WinbackWindow['days'],
      treated: share(row.treated_eligible, row.treated_reactivated),
      control: share(row.control_eligible, row.control_reactivated),
      difference:
        row.difference === null
          ? null
          : difference(
              'newcombe',
              row.difference,
              row.difference_low,
              row.difference_high,
              row.significant,
            ),
    });
    reports.set(row.audience_id, report);
  }
  return [...reports.values()];
}
