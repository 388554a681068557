import type { Config } from '../config/schema.js';
import { parseDate } from '../metrics/period.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import {
  audienceNamer,
  funnelRows,
  readFunnel,
  requireCampaignTables,
  summaries,
} from './campaign-read.js';
import type { CampaignList } from './campaign-types.js';
import { readLift, readWinback } from './read-lift.js';

/**
 * The campaigns whose first send falls in [from, to] (local days of the project's zone, both
 * optional), newest first, with the winback audiences' reactivation; read from the tables the
 * last refresh built (the windows in force are those it used).
 */
export async function listCampaigns(
  warehouse: Warehouse,
  config: Config,
  options: { from?: string; to?: string } = {},
): Promise<CampaignList> {
  void config;
  const from = options.from === undefined ? null : parseDate(options.from, 'from');
  const to = options.to === undefined ? null : parseDate(options.to, 'to');
  if (from !== null && to !== null && from > to) {
    throw new ClvError('usage', `\`from\` (${from}) must not come after \`to\` (${to})`);
  }
  const state = await requireCampaignTables(warehouse);
  const name = await audienceNamer(warehouse);
  const params = { from, to };
  const inPeriod = `($from IS NULL OR send_day >= $from::DATE) AND ($to IS NULL OR send_day <= $to::DATE)`;
  const campaigns = await readFunnel(warehouse, 'campaign', inPeriod, params);
  const ids = campaigns.map((row) => row.campaign_id);
  const channels = await readFunnel(
    warehouse,
    'channel',
    warehouse.dialect.listContains('$ids', 'campaign_id'),
    {
      ids,
    },
  );
  const lift = await readLift(warehouse, ids, name);
  const funnels = funnelRows(channels, name);
  return {
    asOf: state.asOf,
    attribution: state.attribution,
    campaigns: summaries(campaigns, funnels, lift).map((campaign) => ({
      ...campaign,
      funnel: funnels.get(campaign.id) ?? [],
    })),
    winback: await readWinback(warehouse, name),
  };
}
