import type { CampaignReport } from '../../api/types';
import { EMAIL, type OpenedGroup } from './campaign-opened-options';

/** A campaign's email opens per audience, from its funnel rows of the email channel. */
export function openedGroups(report: CampaignReport): OpenedGroup[] {
  return report.funnel
    .filter((row) => row.channel.toLowerCase() === EMAIL)
    .map((row) => ({
      campaign: report.campaign.id,
      audience: row.audience.name,
      opened: row.opened,
      openRate: row.openRate,
    }));
}
