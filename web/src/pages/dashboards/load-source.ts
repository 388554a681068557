// Asks the API for a widget source's data and turns the answer into its table. A source whose
// object is gone (a deleted saved query, audience or campaign) is absent, with the reason.
import type { AudienceHistory } from '../../api/audience-types';
import { ApiError, apiUrl, request, type Query } from '../../api/client';
import type { QueryRun, SavedQuery } from '../../api/dashboard-hooks';
import { kpiLookup, type KpiCatalog } from '../../api/kpi-catalog';
import type {
  CampaignList,
  CampaignReport,
  ChannelsReport,
  CohortsReport,
  DecilesReport,
  KpiKey,
  MetricsReport,
  OrderOutcomes,
  RfmReport,
} from '../../api/types';
import type { WidgetSource } from '../../dashboards/dashboard-types';
import { bindParams, type FilterValues } from '../../dashboards/query-params';
import * as tables from '../../dashboards/source-table';

/** The filters a widget answers for. */
export interface WidgetFilters {
  /** The API's period parameters (none for the default period). */
  period: { from?: string; to?: string };
  /** The values a saved query's parameters are bound to: the period's days, the segment. */
  values: FilterValues;
  segment?: string | undefined;
  group?: string | undefined;
  /** The refresh the answers are of: a new one asks every widget again. */
  refresh?: number | null;
}

/** A source that cannot answer because what it names is gone: shown as its reason. */
export class SourceAbsent extends Error {
  override name = 'SourceAbsent';
}

/** How many campaigns a figure across campaigns reads (each is a request). */
export const CAMPAIGNS_READ = 12;

let catalog: Promise<KpiCatalog> | null = null;
function kpiCatalog(): Promise<KpiCatalog> {
  catalog ??= request<KpiCatalog>(apiUrl('/metrics/catalog')).catch((error: unknown) => {
    catalog = null;
    throw error;
  });
  return catalog;
}

const get = <T>(path: string, query: Query = {}, signal?: AbortSignal) =>
  request<T>(apiUrl(path, query), { signal });

/** The API's 404 for what a source names, as the reason it is absent. */
async function named<T>(what: string, ask: Promise<T>): Promise<T> {
  try {
    return await ask;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      throw new SourceAbsent(`${what} no longer exists: it was deleted or renamed.`);
    }
    throw error;
  }
}

/** The table of a widget's source for the filters. */
export async function loadSource(
  source: WidgetSource,
  filters: WidgetFilters,
  signal?: AbortSignal,
): Promise<tables.SourceTable> {
  const { period } = filters;
  const segmented = { ...period, segment: filters.group ? filters.segment : undefined };
  switch (source.kind) {
    case 'kpi': {
      const [report, lookup] = await Promise.all([
        get<MetricsReport>('/metrics', segmented, signal),
        kpiCatalog().then(kpiLookup),
      ]);
      if (!(source.kpi in lookup)) throw new SourceAbsent(`There is no KPI “${source.kpi}”.`);
      return tables.kpiTable(report, source.kpi as KpiKey, filters.group ?? null, lookup);
    }
    case 'report':
      return loadReport(source.report, filters, signal);
    case 'query': {
      const path = `/queries/${encodeURIComponent(source.queryId)}`;
      const query = await named('The saved query', get<SavedQuery>(path, {}, signal));
      const params = bindParams(query.parameters, source.params, filters.values);
      const run = await request<QueryRun>(apiUrl(`${path}/run`), {
        method: 'POST',
        body: { params, format: 'json' },
        signal,
      });
      return tables.queryTable(run);
    }
    case 'audience': {
      const path = `/audiences/${encodeURIComponent(source.audienceId)}/history`;
      return tables.audienceTable(
        await named('The audience', get<AudienceHistory>(path, {}, signal)),
      );
    }
    case 'campaign':
      return loadCampaign(source, signal);
  }
}

async function loadReport(
  report: Extract<WidgetSource, { kind: 'report' }>['report'],
  filters: WidgetFilters,
  signal?: AbortSignal,
): Promise<tables.SourceTable> {
  const { period } = filters;
  switch (report) {
    case 'monthly': {
      const [answer, lookup] = await Promise.all([
        get<MetricsReport>(
          '/metrics',
          { ...period, series: 'month', segment: filters.group ? filters.segment : undefined },
          signal,
        ),
        kpiCatalog().then(kpiLookup),
      ]);
      return tables.monthlyTable(answer, filters.group ?? null, lookup);
    }
    case 'deciles':
      return tables.decilesTable(
        await get<DecilesReport>('/metrics/deciles', { to: period.to }, signal),
      );
    case 'cohorts':
      return tables.cohortsTable(
        await get<CohortsReport>('/metrics/cohorts', { to: period.to }, signal),
      );
    case 'rfm':
      return tables.rfmTable(await get<RfmReport>('/metrics/rfm', {}, signal));
    case 'channels':
      return tables.channelsTable(await get<ChannelsReport>('/metrics/channels', period, signal));
    case 'order-outcomes':
      return tables.orderOutcomesTable(
        await get<OrderOutcomes>(
          '/metrics/order-outcomes',
          { ...period, segment: filters.segment, group: filters.group },
          signal,
        ),
      );
  }
}

async function loadCampaign(
  source: Extract<WidgetSource, { kind: 'campaign' }>,
  signal?: AbortSignal,
): Promise<tables.SourceTable> {
  let reports: CampaignReport[];
  if (source.campaignId !== null) {
    const path = `/campaigns/${encodeURIComponent(source.campaignId)}`;
    reports = [await named('The campaign', get<CampaignReport>(path, {}, signal))];
  } else {
    const list = await get<CampaignList>('/campaigns', {}, signal);
    if (source.figure === 'funnel') return tables.campaignsFunnelTable(list);
    const email = (c: CampaignList['campaigns'][number]) =>
      c.channels.some((channel) => channel.toLowerCase() === 'email');
    const chosen = list.campaigns
      .filter((c) => source.figure !== 'opened-by-audience' || email(c))
      .slice(0, CAMPAIGNS_READ)
      // Oldest first, as time reads.
      .reverse();
    reports = await Promise.all(
      chosen.map((c) => get<CampaignReport>(`/campaigns/${encodeURIComponent(c.id)}`, {}, signal)),
    );
  }
  if (source.figure === 'daily') return tables.campaignDailyTable(reports);
  if (source.figure === 'opened-by-audience') return tables.openedByAudienceTable(reports);
  return tables.campaignFunnelTable(reports);
}
