// The dashboard's own filters and the filter bar's address: a dashboard opens with its own
// period and segment unless the address names others (a shared link).
import { customRangeStart, filtersQuery, type Filters } from '../../app/filters';
import type { DashboardFilters } from '../../dashboards/dashboard-types';
import type { WidgetFilters } from './load-source';

const FILTER_PARAMS = ['range', 'from', 'to', 'segment', 'group'];

/** Whether the address chooses any filter itself. */
export function addressHasFilters(search: URLSearchParams): boolean {
  return FILTER_PARAMS.some((name) => search.has(name));
}

/** The query string that shows a dashboard's own filters in the filter bar. */
export function dashboardFiltersQuery(filters: DashboardFilters): string {
  const [segment, group] = filters.segment ? filters.segment.split('|') : [];
  const custom = filters.from !== null && filters.to !== null;
  return filtersQuery({
    range: custom ? 'custom' : 'last12m',
    ...(custom ? { from: filters.from ?? undefined, to: filters.to ?? undefined } : {}),
    compare: 'previous',
    ...(segment ? { segment } : {}),
    ...(segment && group ? { group } : {}),
  });
}

/** The filter bar's choice as a dashboard's own filters (to save as its defaults). */
export function dashboardFiltersOf(filters: Filters): DashboardFilters {
  const custom = filters.range === 'custom' && filters.from && filters.to;
  return {
    from: custom ? (filters.from ?? null) : null,
    to: custom ? (filters.to ?? null) : null,
    segment: filters.segment
      ? `${filters.segment}${filters.group ? `|${filters.group}` : ''}`
      : null,
  };
}

/** What the widgets answer for: the API's period, the days and segment queries are bound to. */
export function widgetFilters(
  filters: Filters,
  period: { from?: string; to?: string },
  latestOrder: string | null,
  refresh: number | null,
): WidgetFilters {
  const days = customRangeStart(filters, latestOrder);
  return {
    period,
    values: {
      from: days.from,
      to: days.to,
      segment: dashboardFiltersOf(filters).segment,
    },
    segment: filters.segment,
    group: filters.group,
    refresh,
  };
}
