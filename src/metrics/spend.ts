import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';
import { segmentsOf, type Members } from './members.js';
import type { Period } from './period.js';
import type { Segmentation } from './segments.js';

/** Whether acquisition spend can be attributed to a segment: everyone, or one named channel. */
export function spendAttributable(
  config: Config,
  segmentation: Segmentation,
  segment: string,
): boolean {
  if (segmentation.kind === 'all') return true;
  const byChannel =
    segmentation.kind === 'attribute' && segmentation.name === config.acquisitionChannelAttribute;
  return byChannel && segment !== 'other';
}

/**
 * Acquisition spend of the months whose first day lies in the period, per segment: all spend
 * without segmentation, the channel's own spend in a segment of the acquisition-channel
 * attribute, and nothing (null) elsewhere, where spend cannot be attributed. Null too when
 * no cost row covers the period.
 */
export async function periodSpend(
  warehouse: Warehouse,
  config: Config,
  segmentation: Segmentation,
  members: Members,
  period: Period,
): Promise<Map<string, number | null>> {
  const spend = new Map<string, number | null>();
  const segments = await warehouse.query<{ segment: string }>(
    `SELECT segment FROM ${segmentsOf(members)}`,
  );
  const byChannel =
    segmentation.kind === 'attribute' && segmentation.name === config.acquisitionChannelAttribute;
  if (segmentation.kind !== 'all' && !byChannel) {
    for (const { segment } of segments) spend.set(segment, null);
    return spend;
  }
  const rows = await warehouse.query<{ channel: string; spend: number }>(
    `SELECT channel, sum(CAST(spend AS DECIMAL(38, 9))) AS spend FROM costs
     WHERE CAST(month || '-01' AS DATE) >= $from::DATE AND CAST(month || '-01' AS DATE) < $to::DATE
     GROUP BY channel ORDER BY channel`,
    { from: period.from, to: period.to },
  );
  for (const { segment } of segments) {
    const matching = byChannel ? rows.filter((row) => row.channel === segment) : rows;
    // The "other" group gathers several channels and none: its spend is not attributable.
    const attributable = !(byChannel && segment === 'other');
    spend.set(
      segment,
      attributable && matching.length > 0
        ? matching.reduce((sum, row) => sum + row.spend, 0)
        : null,
    );
  }
  return spend;
}
