// One data hook per endpoint of the API. Widgets ask for data only through these.
import { apiUrl } from './client';
import type { KpiCatalog } from './kpi-catalog';
import type {
  AttributeValues,
  ChannelsReport,
  CohortsReport,
  AtRiskPage,
  CustomerPage,
  CustomerProfile,
  DecilesReport,
  HoldoutReport,
  MetricsReport,
  ModelReport,
  NpsReport,
  OrderOutcomes,
  PredictionDistributions,
  RankedCustomerPage,
  RfmReport,
  SegmentGroups,
  Status,
} from './types';
import { useApi } from './use-api';

export interface PeriodQuery {
  from?: string;
  to?: string;
}

export function useStatus() {
  return useApi<Status>(apiUrl('/status'));
}

/** What each KPI means (label, unit, good direction, definition, formula). */
export function useKpiCatalog() {
  return useApi<KpiCatalog>(apiUrl('/metrics/catalog'));
}

export function useMetrics(
  query: PeriodQuery & { segment?: string; compare?: 'previous' | 'year'; series?: 'month' },
) {
  return useApi<MetricsReport>(apiUrl('/metrics', { ...query }));
}

export function useSegmentGroups(query: { segment: string; to?: string }, enabled = true) {
  return useApi<SegmentGroups>(enabled ? apiUrl('/metrics/segments', { ...query }) : null);
}

/** Every known attribute and its top values: one request for the whole segment filter. */
export function useAttributeValues(enabled = true) {
  return useApi<AttributeValues>(enabled ? apiUrl('/metrics/attributes') : null);
}

/** Successful, canceled and returned orders per month, for all customers or one group. */
export function useOrderOutcomes(query: PeriodQuery & { segment?: string; group?: string }) {
  return useApi<OrderOutcomes>(apiUrl('/metrics/order-outcomes', { ...query }));
}

export function useCohorts(query: { to?: string } = {}) {
  return useApi<CohortsReport>(apiUrl('/metrics/cohorts', { ...query }));
}

export function useDeciles(query: { to?: string; by?: 'revenue' | 'predicted' }) {
  return useApi<DecilesReport>(apiUrl('/metrics/deciles', { ...query }));
}

/** The named RFM groups of the latest refresh. */
export function useRfm() {
  return useApi<RfmReport>(apiUrl('/metrics/rfm'));
}

export function useChannels(query: PeriodQuery) {
  return useApi<ChannelsReport>(apiUrl('/metrics/channels', { ...query }));
}

export function useNps(query: { to?: string } = {}) {
  return useApi<NpsReport>(apiUrl('/metrics/nps', { ...query }));
}

export function useModel() {
  return useApi<ModelReport>(apiUrl('/model'));
}

export function useHoldout() {
  return useApi<HoldoutReport | null>(apiUrl('/model/holdout'));
}

export function useDistributions() {
  return useApi<PredictionDistributions>(apiUrl('/model/distributions'));
}

export function useCustomerSearch(
  query: { q?: string; attribute?: string; value?: string; limit?: number; offset?: number },
  enabled = true,
) {
  return useApi<CustomerPage>(enabled ? apiUrl('/customers', { ...query }) : null);
}

export function useTopCustomers(
  query: { by?: 'predicted' | 'historic'; limit?: number; offset?: number },
  enabled = true,
) {
  return useApi<RankedCustomerPage>(enabled ? apiUrl('/customers/top', { ...query }) : null);
}

export function useAtRisk(query: { minChurnRisk?: number; limit?: number; offset?: number }) {
  return useApi<AtRiskPage>(apiUrl('/customers/at-risk', { ...query }));
}

export function useCustomer(id: string, query: { eventsLimit?: number; eventsOffset?: number }) {
  return useApi<CustomerProfile>(apiUrl(`/customers/${encodeURIComponent(id)}`, { ...query }));
}
