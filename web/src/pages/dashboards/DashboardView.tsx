import { useEffect, useMemo } from 'react';
import { useDashboardDocument } from '../../api/dashboard-hooks';
import { useDashboard } from '../../app/dashboard-context';
import { FilterBar } from '../../app/FilterBar';
import { navigate, useLocation } from '../../app/navigation';
import { PAGES, type PageEntry } from '../../app/pages';
import { StateView } from '../../widgets/state-view/StateView';
import { addressHasFilters, dashboardFiltersQuery, widgetFilters } from './dashboard-filters';
import { DashboardEditor } from './DashboardEditor';

/** The filter bar on a dashboard: its period and its segment (no comparison to choose). */
const FILTERS: PageEntry | undefined = PAGES.find((p) => p.path === '/dashboards');

/** One dashboard: the filter bar (its own filters unless the address says otherwise) and its grid. */
export function DashboardView({ id }: { id: string }) {
  const dashboard = useDashboardDocument(id);
  const { path, search } = useLocation();
  const { filters, period, status } = useDashboard();
  const own = dashboard.status === 'ready' ? dashboard.data.filters : null;
  // Opened without filters in the address: show the dashboard's own, so the link shares them.
  useEffect(() => {
    if (!own || addressHasFilters(search)) return;
    const query = dashboardFiltersQuery(own);
    if (query) navigate(`${path}${query}`, { replace: true });
    // Only when the dashboard first arrives: later the filter bar owns the address.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [own]);
  const refresh = status.lastRefresh?.refreshId ?? null;
  const forWidgets = useMemo(
    () => widgetFilters(filters, period, status.latestOrder, refresh),
    [filters, period, status.latestOrder, refresh],
  );
  if (dashboard.status !== 'ready') {
    return (
      <div className="page" data-page="dashboard">
        {dashboard.status === 'error' ? (
          <StateView state="error" error={dashboard.error} onRetry={dashboard.reload} />
        ) : (
          <StateView state="loading" />
        )}
      </div>
    );
  }
  return (
    <>
      {FILTERS && (
        <FilterBar
          // The bar keeps the custom days it was opened with: a dashboard's own range, set in
          // the address after it opened, opens a new one.
          key={filters.range === 'custom' ? `${filters.from}-${filters.to}` : filters.range}
          page={{ ...FILTERS, filters: { range: true, compare: false, segment: true } }}
        />
      )}
      <DashboardEditor
        // A new version (saved here or reloaded after a conflict) starts a new session.
        key={`${dashboard.data.id}:${dashboard.data.version}`}
        dashboard={dashboard.data}
        filters={forWidgets}
        onReload={dashboard.reload}
      />
    </>
  );
}
