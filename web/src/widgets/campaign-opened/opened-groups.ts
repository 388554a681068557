import type { CampaignFunnelRow } from '../../api/types';
import { EMAIL, type OpenedGroup } from './campaign-opened-options';

/** A campaign's email opens per audience, from its funnel rows of the email channel. */
export function openedGroups(
  campaign: string,
  funnel: readonly CampaignFunnelRow[],
): OpenedGroup[] {
  return funnel
    .filter((row) => row.channel.toLowerCase() === EMAIL)
    .map((row) => ({
      campaign,
      audience: row.audience.name,
      opened: row.opened,
      openRate: row.openRate,
    }));
}
