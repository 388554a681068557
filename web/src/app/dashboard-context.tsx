import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Status } from '../api/types';
import type { FormatContext } from '../format/format';
import { filtersQuery, parseFilters, periodOf, type Filters } from './filters';
import { navigate, useLocation } from './navigation';

export interface Dashboard {
  status: Status;
  format: FormatContext;
  filters: Filters;
  /** The API's period parameters for the filters (none for the default period). */
  period: { from?: string; to?: string };
  setFilters(next: Filters): void;
  /** A dashboard address that keeps the current filters. */
  href(path: string): string;
}

const DashboardContext = createContext<Dashboard | null>(null);

/** Gives every page the server's status, the number format and the filters in the address. */
export function DashboardProvider({ status, children }: { status: Status; children: ReactNode }) {
  const { path, search } = useLocation();
  const query = search.toString();
  const value = useMemo<Dashboard>(() => {
    const filters = parseFilters(new URLSearchParams(query));
    return {
      status,
      format: { currency: status.currency },
      filters,
      period: periodOf(filters, status.latestOrder),
      setFilters: (next) => navigate(`${path}${filtersQuery(next)}`),
      href: (to) => `${to}${filtersQuery(filters)}`,
    };
  }, [status, query, path]);
  return <DashboardContext.Provider value={value}>{children}</DashboardContext.Provider>;
}

export function useDashboard(): Dashboard {
  const value = useContext(DashboardContext);
  if (!value) throw new Error('useDashboard outside DashboardProvider');
  return value;
}
