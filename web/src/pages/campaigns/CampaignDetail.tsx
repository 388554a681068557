import { useCampaign } from '../../api/campaign-hooks';
import type { CampaignReport } from '../../api/types';
import { useDashboard } from '../../app/dashboard-context';
import { Link } from '../../app/Link';
import { formatValue, type FormatContext } from '../../format/format';
import { campaignDailyOptions } from '../../widgets/campaign-daily/campaign-daily-options';
import { campaignFunnelOptions } from '../../widgets/campaign-funnel/campaign-funnel-options';
import { funnelRowsTable } from '../../widgets/campaign-funnel/funnel-rows-table';
import {
  campaignLiftOptions,
  type LiftMeasure,
} from '../../widgets/campaign-lift/campaign-lift-options';
import { openedGroups } from '../../widgets/campaign-opened/opened-groups';
import { campaignOpenedOptions } from '../../widgets/campaign-opened/campaign-opened-options';
import {
  absentText,
  differenceText,
  significanceText,
} from '../../widgets/campaign-table/lift-text';
import { ChartCard } from '../../widgets/chart-card/ChartCard';
import { clvMovementOptions } from '../../widgets/clv-movement/clv-movement-options';
import { StateView } from '../../widgets/state-view/StateView';
import { DataTableCard } from '../../widgets/table-card/DataTableCard';
import { attributionText } from './attribution-text';
import './campaigns.css';

/**
 * Under a lift chart: each audience's difference with its 95 % interval and significance in
 * words, then the audiences without a lift and why.
 */
function LiftLines({
  report,
  measure,
  context,
}: {
  report: CampaignReport;
  measure: LiftMeasure;
  context: FormatContext;
}) {
  const { lift, liftAbsent } = report.campaign;
  return (
    <ul className="lift-lines" data-role="lift-lines">
      {lift.map((l) => (
        <li
          key={l.audience.key}
          data-audience={l.audience.key}
          data-significant={l[measure].significant}
        >
          {l.audience.name}: <strong>{differenceText(l[measure], context)}</strong>,{' '}
          {significanceText(l[measure])}
        </li>
      ))}
      {liftAbsent.map((a) => (
        <li key={a.audience.key} className="muted" data-reason={a.reason}>
          {absentText(a)}
        </li>
      ))}
    </ul>
  );
}

/** One campaign: its funnel, opens per audience, days, treated vs control and CLV movement. */
export function CampaignDetail({ id }: { id: string }) {
  const { format, href } = useDashboard();
  const report = useCampaign(id);
  if (report.status !== 'ready') {
    return (
      <div className="page" data-page="campaign">
        {report.status === 'error' ? (
          <StateView state="error" error={report.error} onRetry={report.reload} />
        ) : (
          <StateView state="loading" />
        )}
      </div>
    );
  }
  const c = report.data.campaign;
  const noLift = (r: CampaignReport) => r.campaign.lift.length === 0;
  const noLiftText = c.liftAbsent.map(absentText).join(' ') || 'No audience has a control group.';
  // Lift counts orders over the longer of the two attribution windows after the send.
  const windowDays = Math.max(report.data.attribution.clickDays, report.data.attribution.openDays);
  const day = (instant: string) => instant.slice(0, 16).replace('T', ' ');
  return (
    <div className="page" data-page="campaign" data-campaign={c.id}>
      <div className="page-title">
        <h1>{c.id}</h1>
        <Link href={href('/campaigns')}>All campaigns</Link>
      </div>
      <p className="campaign-facts" data-role="facts">
        First sent {day(c.firstSendAt)} UTC, last event {day(c.lastEventAt)} UTC, by{' '}
        {c.channels.join(', ') || '—'} to {c.audiences.map((a) => a.name).join(', ') || '—'}:{' '}
        {formatValue(c.recipients, 'count', format)} recipients,{' '}
        {formatValue(c.attributedRevenue, 'money', format)} attributed revenue.{' '}
        <span className="muted">{attributionText(report.data, format.locale)}</span>
      </p>
      <div className="grid">
        <ChartCard
          id="campaign-funnel"
          title="Funnel"
          subtitle="Customers at each stage; the rates are of those delivered to (of those sent to when nothing reports deliveries)."
          state={report}
          build={(r) => campaignFunnelOptions(r.campaign, format)}
          context={format}
          height={220}
        />
        <ChartCard
          id="campaign-opened"
          title="Emails opened by audience and campaign"
          subtitle="Customers who opened the campaign's emails, per audience."
          state={report}
          build={(r) => campaignOpenedOptions(openedGroups(r.campaign.id, r.funnel), format)}
          isEmpty={(r) => openedGroups(r.campaign.id, r.funnel).length === 0}
          empty="This campaign sent no emails."
          context={format}
          height={220}
        />
        <ChartCard
          id="campaign-daily"
          title="Attributed revenue by day"
          subtitle="Orders attributed to the campaign (last touch) and their revenue, by the day they were placed."
          state={report}
          build={(r) => campaignDailyOptions(r.daily, format)}
          isEmpty={(r) => r.daily.length === 0}
          context={format}
          wide
        />
        <ChartCard
          id="campaign-lift-conversion"
          title="Conversion: treated vs control"
          subtitle={`Share of customers with an order within ${windowDays} days of the send; the difference with its 95 % interval (Newcombe) below.`}
          state={report}
          build={(r) => campaignLiftOptions(r.campaign.lift, 'conversion', format)}
          isEmpty={noLift}
          empty={noLiftText}
          footer={<LiftLines report={report.data} measure="conversion" context={format} />}
          context={format}
        />
        <ChartCard
          id="campaign-lift-revenue"
          title="Revenue per customer: treated vs control"
          subtitle="Revenue of successful orders in the same window per customer; the difference with its 95 % interval (Welch) below."
          state={report}
          build={(r) => campaignLiftOptions(r.campaign.lift, 'revenuePerCustomer', format)}
          isEmpty={noLift}
          empty={noLiftText}
          footer={<LiftLines report={report.data} measure="revenuePerCustomer" context={format} />}
          context={format}
        />
        <ChartCard
          id="clv-movement"
          title="CLV movement"
          subtitle="Mean predicted CLV of the recipients from their history before the send, and now: responders (clicked or bought through the campaign) beside the rest."
          state={report}
          build={(r) => clvMovementOptions(r.clvMovement, format)}
          isEmpty={(r) => r.clvMovement.length === 0}
          empty={report.data.clvMovementReason ?? 'No recipients to compare.'}
          context={format}
          wide
        />
        <DataTableCard
          id="campaign-funnel-rows"
          title="Funnel by audience and channel"
          subtitle="Customers (and events) at each stage, the rates and the attributed orders of each audience and channel."
          state={report}
          build={(r) => funnelRowsTable(r.funnel)}
          isEmpty={(r) => r.funnel.length === 0}
          context={format}
          wide
        />
      </div>
    </div>
  );
}
