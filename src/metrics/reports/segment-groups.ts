import type { Config } from '../../config/schema.js';
import type { Warehouse } from '../../store/warehouse.js';
import { resolveAsOf } from '../report-inputs.js';
import { createMembers, parseSegmentation, segmentGroupCounts } from '../segments.js';

/** The groups a segmentation splits customers into, as of a day. */
export interface SegmentGroupsReport {
  segmentation: string;
  asOf: string;
  groups: { segment: string; customers: number }[];
}

/**
 * The groups of a segmentation (email, sms, attribute:NAME) and their customers as of `to`,
 * without computing their KPIs: what a dashboard offers as drill-downs.
 */
export async function segmentGroupsReport(
  warehouse: Warehouse,
  config: Config,
  options: { segment: string; to?: string },
): Promise<SegmentGroupsReport> {
  const segmentation = parseSegmentation(options.segment);
  const asOf = await resolveAsOf(warehouse, options.to);
  return warehouse.withScratchTable('members_groups', async (table) => {
    await createMembers(warehouse, config, segmentation, asOf, table);
    const groups = await segmentGroupCounts(warehouse, table, segmentation);
    return { segmentation: options.segment, asOf, groups };
  });
}
