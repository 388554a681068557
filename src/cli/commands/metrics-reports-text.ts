import type { ChannelsReport } from '../../metrics/reports/channels.js';
import type { CohortsReport } from '../../metrics/reports/cohorts.js';
import type { DecilesReport } from '../../metrics/reports/deciles.js';
import type { NpsReport } from '../../metrics/reports/nps.js';
import type { RfmReport } from '../../metrics/reports/rfm.js';
import { table } from '../output.js';

// Numbers stay numbers so that the table right-aligns them; a missing value is a dash.
const round = (value: number | null, digits = 2): number | string =>
  value === null ? '-' : Number(value.toFixed(digits));
const percent = (value: number | null): number | string =>
  value === null ? '-' : round(value * 100, 1);

// Retention is printed for the first months only: enough to read the curve in a terminal.
const COHORT_MONTHS = 12;

/** The deciles report for people. */
export function describeDeciles(report: DecilesReport): string {
  const value = report.by === 'revenue' ? 'revenue' : 'predicted CLV';
  return [
    `Deciles of buyers by ${value}, as of ${report.asOf}`,
    table([
      ['decile', 'customers', value, 'share %', 'mean', 'min', 'max'],
      ...report.deciles.map((d) => [
        d.decile,
        d.customers,
        round(d.revenue),
        percent(d.share),
        round(d.mean),
        round(d.min),
        round(d.max),
      ]),
    ]),
  ].join('\n');
}

/** The cohorts report for people: retention % per month since the first order. */
export function describeCohorts(report: CohortsReport): string {
  const months = Array.from({ length: COHORT_MONTHS + 1 }, (_, k) => `M${k}`);
  return [
    `Cohorts by month of first order, as of ${report.asOf}: retention % in month k`,
    table([
      ['cohort', 'customers', ...months, 'revenue/customer to date'],
      ...report.cohorts.map((c) => [
        c.cohort,
        c.customers,
        ...months.map((_, k) => {
          const share = c.retention[k];
          return share === undefined ? '' : percent(share);
        }),
        round(c.cumulativeRevenuePerCustomer.at(-1) ?? null),
      ]),
    ]),
  ].join('\n');
}

// The groups' keys are for programs; people read their names.
const RFM_GROUP_LABELS: Record<string, string> = {
  champions: 'Champions',
  loyal: 'Loyal',
  potential_loyalists: 'Potential loyalists',
  new_customers: 'New customers',
  need_attention: 'Need attention',
  at_risk: 'At risk',
  cant_lose_them: "Can't lose them",
  hibernating: 'Hibernating',
};

/** The RFM report for people: the groups, then customers per R (rows) and F (columns). */
export function describeRfm(report: RfmReport): string {
  const count = (r: number, f: number): number =>
    report.scores.find((s) => s.r === r && s.f === f)?.customers ?? 0;
  return [
    `RFM groups of buyers, as of ${report.asOf}`,
    table([
      ['group', 'rule', 'customers', 'share %', 'revenue', 'recency d', 'frequency', 'monetary'],
      ...report.groups.map((g) => [
        RFM_GROUP_LABELS[g.group] ?? g.group,
        g.rule,
        g.customers,
        percent(g.share),
        round(g.revenue),
        round(g.meanRecencyDays, 1),
        round(g.meanFrequency),
        round(g.meanMonetary),
      ]),
    ]),
    '',
    'Customers per score (R down, F across)',
    table([
      ['R \\ F', 1, 2, 3, 4, 5],
      ...[5, 4, 3, 2, 1].map((r) => [r, ...[1, 2, 3, 4, 5].map((f) => count(r, f))]),
    ]),
  ].join('\n');
}

/** The channels report for people. */
export function describeChannels(report: ChannelsReport): string {
  const { from, to } = report.period;
  return [
    `Acquisition channels, ${from} to ${to} (exclusive), ${report.currency}`,
    table([
      [
        'channel',
        'customers',
        'new buyers',
        'spend',
        'CAC',
        'CLV historic',
        // The glossary's CLV:CAC (predicted when fitted, else rolling), then the historic one.
        'CLV:CAC',
        'historic CLV:CAC',
        'payback m',
      ],
      ...report.channels.map((c) => [
        c.channel,
        c.customers,
        c.newBuyers,
        round(c.spend),
        round(c.cac),
        round(c.clvHistoric),
        round(c.clvToCac),
        round(c.clvHistoricToCac),
        round(c.paybackMonths, 1),
      ]),
    ]),
  ].join('\n');
}

/** The NPS report for people. */
export function describeNps(report: NpsReport): string {
  return [
    `NPS as of ${report.asOf}: ${round(report.nps, 1)} (${report.respondents} respondents)`,
    table([
      ['group', 'customers', 'CLV historic', 'APV', 'retention %'],
      ...report.groups.map((g) => [
        g.group,
        g.customers,
        round(g.clvHistoric),
        round(g.apv),
        percent(g.retentionRate),
      ]),
    ]),
  ].join('\n');
}
