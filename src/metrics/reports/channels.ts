import { daysBetween, monthsBetween } from '../dates.js';
import type { Config } from '../../config/schema.js';
import type { Warehouse } from '../../store/warehouse.js';
import type { Period } from '../period.js';
import { CHANNELS_SQL } from './channels-sql.js';
import { ratio } from '../ratio.js';
import { resolveReportPeriod } from '../report-inputs.js';

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
  clvToCac: number | null;
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

/** Acquisition channels over a period: new buyers, spend, CAC, historic CLV and payback. */
export async function channelsReport(
  warehouse: Warehouse,
  config: Config,
  options: { from?: string; to?: string } = {},
): Promise<ChannelsReport> {
  const period = await resolveReportPeriod(warehouse, options);
  const rows = await warehouse.query<{
    channel: string;
    customers: number;
    new_buyers: number;
    buyers: number;
    revenue: number;
    clv_historic: number | null;
    spend: number | null;
  }>(CHANNELS_SQL, { ...period, attribute: config.acquisitionChannelAttribute });
  const months = monthsIn(period);
  const channels = rows.map((row): ChannelRow => {
    const cac = row.spend === null ? null : ratio(row.spend, row.new_buyers);
    const monthlyRevenuePerBuyer = ratio(ratio(row.revenue, row.buyers), months);
    return {
      channel: row.channel,
      customers: row.customers,
      newBuyers: row.new_buyers,
      buyers: row.buyers,
      revenue: row.revenue,
      spend: row.spend ?? 0,
      cac,
      clvHistoric: row.clv_historic,
      clvToCac: ratio(row.clv_historic, cac),
      paybackMonths: ratio(cac, monthlyRevenuePerBuyer),
    };
  });
  return { period, currency: config.baseCurrency, channels };
}
