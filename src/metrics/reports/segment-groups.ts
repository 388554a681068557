import type { Config } from '../../config/schema.js';
import type { Warehouse } from '../../store/warehouse.js';
import { resolveAsOf } from '../report-inputs.js';
import { createMembers, parseSegmentation, segmentGroupCounts } from '../segments.js';

/** The groups a segmentation splits customers into, as of a day. */
export interface SegmentGroupsReport {
  segmentation: string;
  asOf: string;
  groups: { segment: string; customers: number }[];
  /** Why the groups say little: a configured attribute that no customer has. */
  note: string | null;
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
    const note =
      segmentation.kind === 'attribute' && groups.every((g) => g.segment === 'other')
        ? `no customer has a value for the attribute ${JSON.stringify(segmentation.name)}: every customer is in "other"`
        : null;
    return { segmentation: options.segment, asOf, groups, note };
  });
}
