import type { CampaignSummary } from '../../api/types';
import type { Row, TableData } from '../../format/csv';
import type { FormatContext } from '../../format/format';
import { campaignLiftText } from './lift-text';

/**
 * The campaigns as a table: reach, rates, attributed revenue and the conversion lift in words;
 * raw values for the CSV (rates as fractions, money without signs). Channels and order counts
 * are on each campaign's page: the lift's sentences need the width.
 */
export function campaignTable(
  campaigns: readonly CampaignSummary[],
  context: FormatContext,
): TableData {
  const rows: Row[] = campaigns.map((c) => ({
    id: c.id,
    firstSendAt: c.firstSendAt.slice(0, 10),
    audiences: c.audiences.map((a) => a.name).join(', '),
    recipients: c.recipients,
    openRate: c.openRate,
    clickRate: c.clickRate,
    attributedRevenue: c.attributedRevenue,
    revenuePerRecipient: c.revenuePerRecipient,
    lift: campaignLiftText(c, context),
  }));
  return {
    columns: [
      { key: 'id', label: 'Campaign', format: 'text' },
      { key: 'firstSendAt', label: 'First send', format: 'text' },
      { key: 'audiences', label: 'Audiences', format: 'text' },
      { key: 'recipients', label: 'Recipients', format: 'count' },
      { key: 'openRate', label: 'Open rate', format: 'percent' },
      { key: 'clickRate', label: 'Click rate', format: 'percent' },
      { key: 'attributedRevenue', label: 'Attributed revenue', format: 'money' },
      { key: 'revenuePerRecipient', label: 'Revenue / recipient', format: 'money' },
      { key: 'lift', label: 'Conversion lift', format: 'text' },
    ],
    rows,
  };
}

/**
 * Treated vs control per campaign × audience: both groups' conversion and revenue per customer,
 * the differences with their 95 % intervals, or why there is no lift.
 */
export function liftTable(campaigns: readonly CampaignSummary[]): TableData {
  const rows: Row[] = campaigns.flatMap((c) => [
    ...c.lift.map((l): Row => ({
      campaign: c.id,
      audience: l.audience.name,
      treated: l.treated.customers,
      treatedConversion: l.treated.conversionRate,
      control: l.control.customers,
      controlConversion: l.control.conversionRate,
      conversionLift: l.conversion.value,
      conversionLow: l.conversion.low,
      conversionHigh: l.conversion.high,
      conversionSignificant: l.conversion.significant ? 'yes' : 'no',
      treatedRevenue: l.treated.revenuePerCustomer,
      controlRevenue: l.control.revenuePerCustomer,
      revenueLift: l.revenuePerCustomer.value,
      revenueLow: l.revenuePerCustomer.low,
      revenueHigh: l.revenuePerCustomer.high,
      revenueSignificant: l.revenuePerCustomer.significant ? 'yes' : 'no',
      reason: null,
    })),
    ...c.liftAbsent.map((a): Row => ({
      campaign: c.id,
      audience: a.audience.name,
      reason: a.message,
    })),
  ]);
  return { columns: LIFT_COLUMNS, rows };
}

export const LIFT_COLUMNS: TableData['columns'] = [
  { key: 'campaign', label: 'Campaign', format: 'text' },
  { key: 'audience', label: 'Audience', format: 'text' },
  { key: 'treated', label: 'Treated customers', format: 'count' },
  { key: 'treatedConversion', label: 'Treated conversion', format: 'percent' },
  { key: 'control', label: 'Control customers', format: 'count' },
  { key: 'controlConversion', label: 'Control conversion', format: 'percent' },
  { key: 'conversionLift', label: 'Conversion lift', format: 'percent' },
  { key: 'conversionLow', label: 'Lift 95 % low', format: 'percent' },
  { key: 'conversionHigh', label: 'Lift 95 % high', format: 'percent' },
  { key: 'conversionSignificant', label: 'Conversion significant', format: 'text' },
  { key: 'treatedRevenue', label: 'Treated revenue per customer', format: 'money' },
  { key: 'controlRevenue', label: 'Control revenue per customer', format: 'money' },
  { key: 'revenueLift', label: 'Revenue difference', format: 'money' },
  { key: 'revenueLow', label: 'Revenue 95 % low', format: 'money' },
  { key: 'revenueHigh', label: 'Revenue 95 % high', format: 'money' },
  { key: 'revenueSignificant', label: 'Revenue significant', format: 'text' },
  { key: 'reason', label: 'Why no lift', format: 'text' },
];
