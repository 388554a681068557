import { useCampaigns } from '../../api/campaign-hooks';
import type { CampaignList as CampaignListAnswer } from '../../api/types';
import { useDashboard } from '../../app/dashboard-context';
import { Link } from '../../app/Link';
import { campaignTable, liftTable } from '../../widgets/campaign-table/campaign-table';
import { DataTable } from '../../widgets/data-table/DataTable';
import { widgetState } from '../../widgets/state-view/StateView';
import { DataTableCard } from '../../widgets/table-card/DataTableCard';
import { TableCard } from '../../widgets/table-card/TableCard';
import { winbackTable } from '../../widgets/winback-table/winback-table';
import { attributionText } from './attribution-text';
import { OpenedByAudienceCard } from './OpenedByAudienceCard';
import './campaigns.css';

const noCampaigns = (list: CampaignListAnswer) => list.campaigns.length === 0;
const NO_CAMPAIGNS =
  'No campaigns yet: import campaign events (sent, opened, clicked…) and refresh the store.';

/** Every campaign with its reach, rates, attributed revenue and lift; the winback report. */
export function CampaignList() {
  const { format, href } = useDashboard();
  const campaigns = useCampaigns();
  const state = widgetState(campaigns, noCampaigns);
  const table =
    campaigns.status === 'ready' ? campaignTable(campaigns.data.campaigns, format) : null;
  return (
    <div className="page" data-page="campaigns">
      <div className="page-title">
        <h1>Campaigns</h1>
        {campaigns.status === 'ready' && (
          <p className="muted" data-role="attribution">
            {attributionText(campaigns.data, format.locale)}
          </p>
        )}
      </div>
      <div className="grid">
        <TableCard
          id="campaign-list"
          title="Campaigns"
          subtitle="Newest first. Rates are of the customers the campaign reached; the lift compares each audience's treated customers with its activation's control group."
          state={state}
          error={campaigns.error}
          onRetry={campaigns.reload}
          empty={NO_CAMPAIGNS}
          csv={table}
          wide
        >
          {table && (
            <DataTable
              table={table}
              context={format}
              caption="Campaigns"
              className="campaign-table"
              renderCell={(column, row) => {
                const id = String(row.id);
                if (column.key === 'id') {
                  return (
                    <Link href={href(`/campaigns/${encodeURIComponent(id)}`)} data-campaign={id}>
                      {id}
                    </Link>
                  );
                }
                if (column.key === 'lift') return <span className="lift-text">{row.lift}</span>;
                return undefined;
              }}
            />
          )}
        </TableCard>
        {campaigns.status === 'ready' && (
          <OpenedByAudienceCard campaigns={campaigns.data.campaigns} context={format} />
        )}
        <DataTableCard
          id="campaign-lift"
          title="Treated vs control"
          subtitle="Per campaign and audience: conversion and revenue per customer within the attribution window after the send, with the 95 % intervals of the differences."
          state={campaigns}
          build={(list) => liftTable(list.campaigns)}
          isEmpty={noCampaigns}
          empty={NO_CAMPAIGNS}
          context={format}
          wide
        />
        <DataTableCard
          id="winback"
          title="Winback: reactivated within 30, 60 and 90 days"
          subtitle="Members of each winback audience from the day it first reached them: sent to (treated) or held out (control)."
          state={campaigns}
          build={(list) => winbackTable(list.winback, format)}
          isEmpty={(list) => list.winback.length === 0}
          empty="No winback audience: create one from the Winback template on the Audiences page."
          context={format}
          wide
        />
      </div>
    </div>
  );
}
