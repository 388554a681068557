import { useAudiences } from '../../api/audience-hooks';
import { useCampaigns } from '../../api/campaign-hooks';
import { useSavedQueries } from '../../api/dashboard-hooks';
import { useKpiCatalog } from '../../api/hooks';
import {
  CAMPAIGN_FIGURES,
  REPORTS,
  type CampaignFigure,
  type ReportKey,
  type SourceKind,
  type WidgetSource,
} from '../../dashboards/dashboard-types';
import { defaultBindings } from '../../dashboards/query-params';
import { ParamBindings } from './ParamBindings';

export const SOURCE_KINDS: Record<SourceKind, string> = {
  kpi: 'A KPI',
  report: 'A report',
  query: 'A saved query',
  audience: 'An audience’s size over time',
  campaign: 'A campaign’s figures',
};

export const REPORT_LABELS: Record<ReportKey, string> = {
  monthly: 'Monthly KPIs',
  deciles: 'CLV deciles',
  cohorts: 'Cohorts',
  rfm: 'RFM groups',
  channels: 'Acquisition channels',
  'order-outcomes': 'Order outcomes by month',
};

const FIGURE_LABELS: Record<CampaignFigure, string> = {
  funnel: 'Funnel',
  daily: 'Day by day',
  'opened-by-audience': 'Opened by audience',
};

/** A source of the kind chosen, with its first choice filled in where one is known. */
function startOf(kind: SourceKind): WidgetSource {
  switch (kind) {
    case 'kpi':
      return { kind, kpi: 'revenue' };
    case 'report':
      return { kind, report: 'monthly' };
    case 'query':
      return { kind, queryId: '', params: {} };
    case 'audience':
      return { kind, audienceId: '' };
    case 'campaign':
      return { kind, campaignId: null, figure: 'funnel' };
  }
}

/** The source's kind and its particulars: which KPI, report, saved query, audience or campaign. */
export function SourceFields({
  source,
  onChange,
}: {
  source: WidgetSource;
  /** The new source and a title for a widget showing it. */
  onChange(source: WidgetSource, title: string): void;
}) {
  const catalog = useKpiCatalog();
  const queries = useSavedQueries(source.kind === 'query');
  const audiences = useAudiences();
  const campaigns = useCampaigns();
  const titleOf = (next: WidgetSource): string => {
    switch (next.kind) {
      case 'kpi':
        return catalog.data?.kpis.find((k) => k.key === next.kpi)?.label ?? next.kpi;
      case 'report':
        return REPORT_LABELS[next.report];
      case 'query':
        return queries.data?.queries.find((q) => q.id === next.queryId)?.name ?? 'Saved query';
      case 'audience': {
        const name = audiences.data?.audiences.find((a) => a.id === next.audienceId)?.name;
        return name ? `${name}: members` : 'Audience size';
      }
      case 'campaign':
        return `${next.campaignId ?? 'Campaigns'}: ${FIGURE_LABELS[next.figure].toLowerCase()}`;
    }
  };
  const choose = (next: WidgetSource) => onChange(next, titleOf(next));
  return (
    <fieldset className="composer-fields" data-role="source">
      <legend>Source</legend>
      <label>
        <span>Kind</span>
        <select
          name="source-kind"
          value={source.kind}
          onChange={(event) => choose(startOf(event.target.value as SourceKind))}
        >
          {Object.entries(SOURCE_KINDS).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {source.kind === 'kpi' && (
        <label>
          <span>KPI</span>
          <select
            name="source-kpi"
            value={source.kpi}
            onChange={(event) => choose({ ...source, kpi: event.target.value })}
          >
            {(catalog.data?.kpis ?? [{ key: source.kpi, label: source.kpi }]).map((k) => (
              <option key={k.key} value={k.key}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {source.kind === 'report' && (
        <label>
          <span>Report</span>
          <select
            name="source-report"
            value={source.report}
            onChange={(event) => choose({ ...source, report: event.target.value as ReportKey })}
          >
            {REPORTS.map((r) => (
              <option key={r} value={r}>
                {REPORT_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
      )}
      {source.kind === 'query' && (
        <>
          <label>
            <span>Saved query</span>
            <select
              name="source-query"
              value={source.queryId}
              onChange={(event) => {
                const query = queries.data?.queries.find((q) => q.id === event.target.value);
                choose({
                  kind: 'query',
                  queryId: event.target.value,
                  params: query ? defaultBindings(query.parameters, query.defaults) : {},
                });
              }}
            >
              <option value="">Choose a saved query…</option>
              {source.queryId && !queries.data?.queries.some((q) => q.id === source.queryId) && (
                <option value={source.queryId}>{source.queryId} (not found)</option>
              )}
              {(queries.data?.queries ?? []).map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                </option>
              ))}
            </select>
          </label>
          <ParamBindings
            parameters={
              queries.data?.queries.find((q) => q.id === source.queryId)?.parameters ?? []
            }
            bindings={source.params}
            onChange={(params) => choose({ ...source, params })}
          />
        </>
      )}
      {source.kind === 'audience' && (
        <label>
          <span>Audience</span>
          <select
            name="source-audience"
            value={source.audienceId}
            onChange={(event) => choose({ ...source, audienceId: event.target.value })}
          >
            <option value="">Choose an audience…</option>
            {(audiences.data?.audiences ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {source.kind === 'campaign' && (
        <>
          <label>
            <span>Campaign</span>
            <select
              name="source-campaign"
              value={source.campaignId ?? ''}
              onChange={(event) => choose({ ...source, campaignId: event.target.value || null })}
            >
              <option value="">All campaigns</option>
              {(campaigns.data?.campaigns ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Figure</span>
            <select
              name="source-figure"
              value={source.figure}
              onChange={(event) =>
                choose({ ...source, figure: event.target.value as CampaignFigure })
              }
            >
              {CAMPAIGN_FIGURES.map((f) => (
                <option key={f} value={f}>
                  {FIGURE_LABELS[f]}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
    </fieldset>
  );
}

/** Whether a source names everything it needs (a query or an audience chosen). */
export function sourceComplete(source: WidgetSource): boolean {
  if (source.kind === 'query') return source.queryId !== '';
  if (source.kind === 'audience') return source.audienceId !== '';
  return true;
}
