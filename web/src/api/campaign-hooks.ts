// One data hook per campaign endpoint.
import { apiUrl } from './client';
import type { CampaignList, CampaignReport } from './types';
import { useApi } from './use-api';

/** The campaigns first sent between `from` and `to` (both days included, both optional). */
export function useCampaigns(query: { from?: string; to?: string } = {}) {
  return useApi<CampaignList>(apiUrl('/campaigns', query));
}

export function useCampaign(id: string) {
  return useApi<CampaignReport>(apiUrl(`/campaigns/${encodeURIComponent(id)}`));
}
