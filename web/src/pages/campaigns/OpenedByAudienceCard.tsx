import type { CampaignSummary } from '../../api/types';
import type { FormatContext } from '../../format/format';
import {
  campaignOpenedOptions,
  EMAIL,
  type OpenedGroup,
} from '../../widgets/campaign-opened/campaign-opened-options';
import { openedGroups } from '../../widgets/campaign-opened/opened-groups';
import { ChartCard } from '../../widgets/chart-card/ChartCard';

/** How many of the newest email campaigns the chart compares: enough bars to read on a phone. */
export const OPENED_CAMPAIGNS = 12;

/**
 * Emails opened by audience and campaign: the newest email campaigns, one bar per audience,
 * from the funnel rows the list carries (one answer, not one request per campaign).
 */
export function OpenedByAudienceCard({
  campaigns,
  context,
}: {
  campaigns: readonly CampaignSummary[];
  context: FormatContext;
}) {
  const groups = campaigns
    .filter((c) => c.channels.some((channel) => channel.toLowerCase() === EMAIL))
    .slice(0, OPENED_CAMPAIGNS)
    // Oldest on the left, as time reads.
    .reverse()
    .flatMap((c) => openedGroups(c.id, c.funnel));
  return (
    <ChartCard<OpenedGroup[]>
      id="campaign-opened"
      title="Emails opened by audience and campaign"
      subtitle={`Customers who opened each of the newest ${OPENED_CAMPAIGNS} email campaigns, per audience.`}
      state={{ status: 'ready', data: groups }}
      build={(data) => campaignOpenedOptions(data, context)}
      isEmpty={(data) => data.length === 0}
      empty="No email campaigns."
      context={context}
      wide
    />
  );
}
