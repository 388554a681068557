// Each source's answer as one table (columns with their formats, rows of raw values): the one
// shape every visual draws from, the composer offers columns of, and the CSV holds.
import type { AudienceHistory } from '../api/audience-types';
import type { KpiLookup } from '../api/kpi-catalog';
import type {
  CampaignList,
  CampaignReport,
  ChannelsReport,
  CohortsReport,
  DecilesReport,
  KpiKey,
  MetricsReport,
  OrderOutcomes,
  RfmReport,
} from '../api/types';
import type { Cell, Column, Row, TableData } from '../format/csv';
import type { ValueFormat } from '../format/format';

/** A source's table; a KPI's also says which direction of change is good news. */
export interface SourceTable extends TableData {
  good?: 'up' | 'down' | 'neither';
}

const col = (key: string, label: string, format: ValueFormat): Column => ({ key, label, format });

/** The KPIs of the whole base or of one segment group. */
function kpisOf(report: MetricsReport, group: string | null) {
  if (!group) return report.kpis;
  return report.segments?.find((s) => s.segment === group)?.kpis ?? null;
}

/** One KPI for the period and the period before. */
export function kpiTable(
  report: MetricsReport,
  key: KpiKey,
  group: string | null,
  catalog: KpiLookup,
): SourceTable {
  const meta = catalog[key];
  const kpi = kpisOf(report, group)?.[key];
  const columns = [
    col('kpi', 'KPI', 'text'),
    col('value', meta.label, meta.format),
    col('previous', 'Previous period', meta.format),
    col('change', 'Change', 'percent'),
  ];
  if (!kpi) return { columns, rows: [], good: meta.good };
  return {
    columns,
    rows: [{ kpi: meta.label, value: kpi.value, previous: kpi.previous, change: kpi.change }],
    good: meta.good,
  };
}

/** Every KPI with a monthly series, one row per month. */
export function monthlyTable(
  report: MetricsReport,
  group: string | null,
  catalog: KpiLookup,
): SourceTable {
  const kpis = kpisOf(report, group);
  const keys = (Object.keys(catalog) as KpiKey[]).filter(
    (key) => catalog[key].monthly && kpis?.[key]?.series,
  );
  const months = new Map<string, Row>();
  for (const key of keys) {
    for (const point of kpis?.[key]?.series ?? []) {
      const row = months.get(point.month) ?? { month: point.month };
      row[key] = point.value;
      months.set(point.month, row);
    }
  }
  return {
    columns: [
      col('month', 'Month', 'text'),
      ...keys.map((key) => col(key, catalog[key].label, catalog[key].format)),
    ],
    rows: [...months.values()],
  };
}

export function decilesTable(report: DecilesReport): SourceTable {
  return {
    columns: [
      col('decile', 'Decile', 'text'),
      col('customers', 'Customers', 'count'),
      col('revenue', 'Revenue', 'money'),
      col('share', 'Share of revenue', 'percent'),
      col('mean', 'Mean', 'money'),
      col('min', 'Min', 'money'),
      col('max', 'Max', 'money'),
    ],
    rows: report.deciles.map((d) => ({ ...d, decile: String(d.decile) })),
  };
}

/** One row per cohort and month since its first order (long, for a heatmap or a filter). */
export function cohortsTable(report: CohortsReport): SourceTable {
  return {
    columns: [
      col('cohort', 'Cohort', 'text'),
      col('month', 'Month since first order', 'text'),
      col('customers', 'Customers', 'count'),
      col('retention', 'Retention', 'percent'),
      col('revenuePerCustomer', 'Cumulative revenue per customer', 'money'),
    ],
    rows: report.cohorts.flatMap((c) =>
      c.retention.map((retention, k) => ({
        cohort: c.cohort,
        month: String(k),
        customers: c.customers,
        retention,
        revenuePerCustomer: c.cumulativeRevenuePerCustomer[k] ?? null,
      })),
    ),
  };
}

export function rfmTable(report: RfmReport): SourceTable {
  return {
    columns: [
      col('group', 'Group', 'text'),
      col('customers', 'Customers', 'count'),
      col('share', 'Share', 'percent'),
      col('revenue', 'Revenue', 'money'),
      col('meanRecencyDays', 'Mean recency (days)', 'decimal'),
      col('meanFrequency', 'Mean frequency', 'decimal'),
      col('meanMonetary', 'Mean monetary', 'money'),
    ],
    rows: report.groups.map((g) => ({
      group: g.group,
      customers: g.customers,
      share: g.share,
      revenue: g.revenue,
      meanRecencyDays: g.meanRecencyDays,
      meanFrequency: g.meanFrequency,
      meanMonetary: g.meanMonetary,
    })),
  };
}

export function channelsTable(report: ChannelsReport): SourceTable {
  return {
    columns: [
      col('channel', 'Channel', 'text'),
      col('customers', 'Customers', 'count'),
      col('newBuyers', 'New buyers', 'count'),
      col('revenue', 'Revenue', 'money'),
      col('spend', 'Spend', 'money'),
      col('cac', 'CAC', 'money'),
      col('clvToCac', 'CLV:CAC', 'ratio'),
      col('paybackMonths', 'Payback', 'months'),
    ],
    rows: report.channels.map((c) => ({
      channel: c.channel,
      customers: c.customers,
      newBuyers: c.newBuyers,
      revenue: c.revenue,
      spend: c.spend,
      cac: c.cac,
      clvToCac: c.clvToCac,
      paybackMonths: c.paybackMonths,
    })),
  };
}

export function orderOutcomesTable(report: OrderOutcomes): SourceTable {
  return {
    columns: [
      col('month', 'Month', 'text'),
      col('success', 'Successful orders', 'count'),
      col('canceled', 'Canceled orders', 'count'),
      col('returned', 'Returned orders', 'count'),
      col('other', 'Other orders', 'count'),
      col('revenue', 'Revenue', 'money'),
      col('cancelRate', 'Cancel rate', 'percent'),
      col('returnRate', 'Return rate', 'percent'),
    ],
    rows: report.months.map((m) => ({
      month: m.month,
      success: m.success.orders,
      canceled: m.canceled.orders,
      returned: m.returned.orders,
      other: m.other.orders,
      revenue: m.success.value,
      cancelRate: m.cancelRate,
      returnRate: m.returnRate,
    })),
  };
}

export function audienceTable(history: AudienceHistory): SourceTable {
  return {
    columns: [
      col('day', 'Day', 'text'),
      col('members', 'Members', 'count'),
      col('entered', 'Entered', 'count'),
      col('exited', 'Exited', 'count'),
    ],
    rows: history.days.map((d) => ({
      day: d.day,
      members: d.members,
      entered: d.entered,
      exited: d.exited,
    })),
  };
}

const FUNNEL_COLUMNS = [
  col('sent', 'Sent', 'count'),
  col('delivered', 'Delivered', 'count'),
  col('opened', 'Opened', 'count'),
  col('clicked', 'Clicked', 'count'),
  col('unsubscribed', 'Unsubscribed', 'count'),
  col('openRate', 'Open rate', 'percent'),
  col('clickRate', 'Click rate', 'percent'),
  col('attributedRevenue', 'Attributed revenue', 'money'),
];

type FunnelCounts = Record<(typeof FUNNEL_COLUMNS)[number]['key'], Cell> & object;

const funnelCells = (f: {
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  openRate: number | null;
  clickRate: number | null;
  attributedRevenue: number;
}): FunnelCounts => ({
  sent: f.sent,
  delivered: f.delivered,
  opened: f.opened,
  clicked: f.clicked,
  unsubscribed: f.unsubscribed,
  openRate: f.openRate,
  clickRate: f.clickRate,
  attributedRevenue: f.attributedRevenue,
});

/** Every campaign's funnel, one row per campaign. */
export function campaignsFunnelTable(list: CampaignList): SourceTable {
  return {
    columns: [col('campaign', 'Campaign', 'text'), ...FUNNEL_COLUMNS],
    rows: list.campaigns.map((c) => ({ campaign: c.id, ...funnelCells(c) })),
  };
}

/** Campaigns' funnels per audience and channel, one row each. */
export function campaignFunnelTable(reports: readonly CampaignReport[]): SourceTable {
  return {
    columns: [
      col('campaign', 'Campaign', 'text'),
      col('audience', 'Audience', 'text'),
      col('channel', 'Channel', 'text'),
      ...FUNNEL_COLUMNS,
    ],
    rows: reports.flatMap((r) =>
      r.funnel.map((f) => ({
        campaign: r.campaign.id,
        audience: f.audience.name,
        channel: f.channel,
        ...funnelCells(f),
      })),
    ),
  };
}

/** Campaigns' events per day, audience and channel. */
export function campaignDailyTable(reports: readonly CampaignReport[]): SourceTable {
  return {
    columns: [
      col('day', 'Day', 'text'),
      col('campaign', 'Campaign', 'text'),
      col('audience', 'Audience', 'text'),
      col('channel', 'Channel', 'text'),
      col('sent', 'Sent', 'count'),
      col('opened', 'Opened', 'count'),
      col('clicked', 'Clicked', 'count'),
      col('attributedRevenue', 'Attributed revenue', 'money'),
    ],
    rows: reports.flatMap((r) =>
      r.daily.map((d) => ({
        day: d.day,
        campaign: r.campaign.id,
        audience: d.audienceKey,
        channel: d.channel,
        sent: d.sent,
        opened: d.opened,
        clicked: d.clicked,
        attributedRevenue: d.attributedRevenue,
      })),
    ),
  };
}

/** Emails opened per campaign and audience (customers who opened). */
export function openedByAudienceTable(reports: readonly CampaignReport[]): SourceTable {
  return {
    columns: [
      col('campaign', 'Campaign', 'text'),
      col('audience', 'Audience', 'text'),
      col('opened', 'Opened (customers)', 'count'),
      col('openRate', 'Open rate', 'percent'),
    ],
    rows: reports.flatMap((r) =>
      r.funnel
        .filter((f) => f.channel.toLowerCase() === 'email')
        .map((f) => ({
          campaign: r.campaign.id,
          audience: f.audience.name,
          opened: f.opened,
          openRate: f.openRate,
        })),
    ),
  };
}

/** A saved query's answer; numbers as numbers, anything else as text. */
export function queryTable(answer: {
  columns: readonly { name: string; type: string }[];
  rows: readonly (readonly unknown[])[];
}): SourceTable {
  const columns = answer.columns.map((c) => col(c.name, c.name, formatOfType(c.type)));
  const rows = answer.rows.map((cells) =>
    Object.fromEntries(columns.map((c, i) => [c.key, cellOf(cells[i], c.format)])),
  );
  return { columns, rows };
}

/** How a DuckDB type reads: whole numbers as counts, other numbers with decimals, rest as text. */
export function formatOfType(type: string): ValueFormat {
  const upper = type.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(upper))
    return 'count';
  if (/^(FLOAT|DOUBLE|REAL|DECIMAL)/.test(upper)) return 'decimal';
  return 'text';
}

function cellOf(value: unknown, format: ValueFormat): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  // Integers beyond 2^53 come as strings: kept as text, not rounded.
  if (format !== 'text' && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
    const number = Number(value);
    if (Number.isSafeInteger(number) || !Number.isInteger(number)) return number;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
