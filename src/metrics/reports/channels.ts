import { daysBetween, monthsBetween } from '../dates.js';
import type { Config } from '../../config/schema.js';
import type { Warehouse } from '../../store/warehouse.js';
import type { Period } from '../period.js';
import { CHANNEL_OF_SQL, channelsSql } from './channels-sql.js';
import { ratio } from '../ratio.js';
import { resolveReportPeriod } from '../report-inputs.js';
import { meansOver, monthlyChurn, rollingMonths } from '../monthly-churn.js';
import { predictedClv } from '../predicted-clv.js';
import { fullHistoryFrom, startsEarly } from '../history-start.js';

export interface ChannelRow {
  channel: string;
  customers: number;
  /** Customers whose first successful order ever is in the period. */
  newBuyers: number;
  /** Customers with a successful order in the period, and its revenue. */
  buyers: number;
  revenue: number;
  /** Acquisition spend of the months whose first day is in the period; 0 without cost rows. */
  spend: number;
  /** spend / newBuyers; null without new buyers or without any cost row in the period. */
  cac: number | null;
  clvHistoric: number | null;
  /** The glossary's rolling and predicted CLV over the channel's customers. */
  clvRolling: number | null;
  clvPredicted: number | null;
  /** The glossary's CLV:CAC: predicted CLV when the channel has it, else rolling CLV, over CAC. */
  clvToCac: number | null;
  clvToCacBasis: 'predicted' | 'rolling';
  /** Historic CLV / CAC, beside it and labelled as such. */
  clvHistoricToCac: number | null;
  /** Whether CLV:CAC rests on rolling churn of months less than W after the first order. */
  insufficientHistory: boolean;
  /** Months of the channel's revenue per buyer that pay back its CAC. */
  paybackMonths: number | null;
}

export interface ChannelsReport {
  period: Period;
  currency: string;
  channels: ChannelRow[];
}

/**
 * The length of a period in months: whole calendar months when both ends are first days of
 * months, otherwise its days over the mean month (365.25 / 12 days), as the models count.
 */
export function monthsIn({ from, to }: Period): number {
  if (from.endsWith('-01') && to.endsWith('-01')) return monthsBetween(from, to);
  return daysBetween(from, to) / (365.25 / 12);
}

let scratch = 0;

/** Acquisition channels over a period: new buyers, spend, CAC, historic CLV and payback. */
export async function channelsReport(
  warehouse: Warehouse,
  config: Config,
  options: { from?: string; to?: string } = {},
): Promise<ChannelsReport> {
  const period = await resolveReportPeriod(warehouse, options);
  const months = monthsIn(period);
  const members = `channel_members_${process.pid}_${(scratch += 1)}`;
  try {
    await warehouse.scratch.fromQuery(
      members,
      `SELECT customer_id, channel AS segment FROM (${CHANNEL_OF_SQL})`,
      {
        attribute: config.acquisitionChannelAttribute,
      },
    );
    const rows = await warehouse.query<{
      channel: string;
      customers: number;
      new_buyers: number;
      buyers: number;
      revenue: number;
      clv_historic: number | null;
      spend: number | null;
    }>(channelsSql(members, warehouse.dialect), { ...period });
    const window = rollingMonths(period.from, period.to);
    const churn = await monthlyChurn(warehouse, members, window);
    const predicted = await predictedClv(warehouse, members);
    const historyFrom = await fullHistoryFrom(warehouse, config);
    const channels = rows.map((row): ChannelRow => {
      const cac = row.spend === null ? null : ratio(row.spend, row.new_buyers);
      const monthlyRevenuePerBuyer = ratio(ratio(row.revenue, row.buyers), months);
      const rolling = meansOver(churn.get(row.channel), window);
      const clvRolling = ratio(rolling.meanArpu, rolling.meanChurn);
      const clvPredicted = predicted.get(row.channel) ?? null;
      const early = rolling.months.some(
        (m) => m.churn !== null && startsEarly(m.month, historyFrom),
      );
      return {
        channel: row.channel,
        customers: row.customers,
        newBuyers: row.new_buyers,
        buyers: row.buyers,
        revenue: row.revenue,
        spend: row.spend ?? 0,
        cac,
        clvHistoric: row.clv_historic,
        clvRolling,
        clvPredicted,
        clvToCac: ratio(clvPredicted ?? clvRolling, cac),
        clvToCacBasis: clvPredicted === null ? 'rolling' : 'predicted',
        clvHistoricToCac: ratio(row.clv_historic, cac),
        insufficientHistory: clvPredicted === null && early,
        paybackMonths: ratio(cac, monthlyRevenuePerBuyer),
      };
    });
    return { period, currency: config.baseCurrency, channels };
  } finally {
    await warehouse.scratch.drop(members);
  }
}
