import { useCallback, useEffect, useState } from 'react';
import { useCampaign } from '../../api/campaign-hooks';
import type { CampaignSummary } from '../../api/types';
import type { ApiState } from '../../api/use-api';
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

type Loaded = ApiState<OpenedGroup[]>;

/**
 * Reads one campaign's report (the list has no per-audience counts) and hands its email opens
 * per audience to the card; draws nothing itself.
 */
function CampaignOpens({ id, onState }: { id: string; onState(id: string, state: Loaded): void }) {
  const { status, data, error } = useCampaign(id);
  // The hook's answer is a new object each render; its parts are not.
  useEffect(() => {
    if (status === 'ready') onState(id, { status: 'ready', data: openedGroups(data) });
    else if (status === 'error') onState(id, { status: 'error', error });
  }, [id, status, data, error, onState]);
  return null;
}

/** Emails opened by audience and campaign: the newest email campaigns, one bar per audience. */
export function OpenedByAudienceCard({
  campaigns,
  context,
}: {
  campaigns: readonly CampaignSummary[];
  context: FormatContext;
}) {
  const ids = campaigns
    .filter((c) => c.channels.some((channel) => channel.toLowerCase() === EMAIL))
    .slice(0, OPENED_CAMPAIGNS)
    .map((c) => c.id)
    // Oldest on the left, as time reads.
    .reverse();
  const [loaded, setLoaded] = useState(new Map<string, Loaded>());
  const onState = useCallback((id: string, state: Loaded) => {
    setLoaded((before) => new Map(before).set(id, state));
  }, []);
  const states = ids.map((id) => loaded.get(id));
  const failed = states.find((s) => s?.status === 'error');
  const state: Loaded = failed
    ? failed
    : states.every((s) => s?.status === 'ready')
      ? { status: 'ready', data: states.flatMap((s) => s?.data ?? []) }
      : { status: 'loading' };
  return (
    <>
      {ids.map((id) => (
        <CampaignOpens key={id} id={id} onState={onState} />
      ))}
      <ChartCard<OpenedGroup[]>
        id="campaign-opened"
        title="Emails opened by audience and campaign"
        subtitle={`Customers who opened each of the newest ${OPENED_CAMPAIGNS} email campaigns, per audience.`}
        state={state}
        build={(groups) => campaignOpenedOptions(groups, context)}
        isEmpty={(groups) => groups.length === 0}
        empty="No email campaigns."
        context={context}
        wide
      />
    </>
  );
}
