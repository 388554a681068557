import { lazy, type ComponentType } from 'react';
import OverviewPage from '../pages/overview/OverviewPage';

export interface PageEntry {
  path: string;
  title: string;
  /**
   * Whether the page follows the filter bar's date range (reports "as of" a day use its end),
   * compares with another period, and follows the segment: the bar shows only what acts.
   */
  filters: { range: boolean; compare: boolean; segment: boolean };
  component: ComponentType;
}

// The overview is in the first bundle; every other page loads when first visited.
export const PAGES: PageEntry[] = [
  {
    path: '/overview',
    title: 'Overview',
    filters: { range: true, compare: true, segment: true },
    component: OverviewPage,
  },
  {
    path: '/dashboards',
    title: 'Dashboards',
    filters: { range: false, compare: false, segment: false },
    component: lazy(() => import('../pages/dashboards/DashboardsPage')),
  },
  {
    path: '/trends',
    title: 'Trends',
    filters: { range: true, compare: true, segment: true },
    component: lazy(() => import('../pages/trends/TrendsPage')),
  },
  {
    path: '/segments',
    title: 'Segments',
    filters: { range: true, compare: true, segment: false },
    component: lazy(() => import('../pages/segments/SegmentsPage')),
  },
  {
    path: '/deciles',
    title: 'Deciles',
    filters: { range: true, compare: false, segment: false },
    component: lazy(() => import('../pages/deciles/DecilesPage')),
  },
  {
    path: '/cohorts',
    title: 'Cohorts',
    filters: { range: true, compare: false, segment: false },
    component: lazy(() => import('../pages/cohorts/CohortsPage')),
  },
  {
    path: '/predictions',
    title: 'Predictions',
    filters: { range: false, compare: false, segment: false },
    component: lazy(() => import('../pages/predictions/PredictionsPage')),
  },
  {
    path: '/channels',
    title: 'Channels',
    filters: { range: true, compare: false, segment: false },
    component: lazy(() => import('../pages/channels/ChannelsPage')),
  },
  {
    path: '/customers',
    title: 'Customers',
    filters: { range: false, compare: false, segment: false },
    component: lazy(() => import('../pages/customers/CustomersPage')),
  },
  {
    path: '/audiences',
    title: 'Audiences',
    filters: { range: false, compare: false, segment: false },
    component: lazy(() => import('../pages/audiences/AudiencesPage')),
  },
  {
    path: '/campaigns',
    title: 'Campaigns',
    filters: { range: false, compare: false, segment: false },
    component: lazy(() => import('../pages/campaigns/CampaignsPage')),
  },
  {
    path: '/survey',
    title: 'Survey',
    filters: { range: true, compare: false, segment: false },
    component: lazy(() => import('../pages/survey/SurveyPage')),
  },
  {
    path: '/query',
    title: 'Query',
    filters: { range: false, compare: false, segment: false },
    component: lazy(() => import('../pages/query/QueryPage')),
  },
];

export const CUSTOMER_PROFILE = lazy(() => import('../pages/customers/CustomerProfilePage'));

// Pages whose component routes the addresses under its own (an audience, the builder, a
// campaign).
const NESTED = ['/audiences', '/campaigns', '/dashboards'];

/** The page for a path: an exact page, a page with nested addresses, or a customer's profile. */
export function pageFor(path: string): { page: PageEntry | null; customerId: string | null } {
  const exact = PAGES.find((p) => p.path === path);
  if (exact) return { page: exact, customerId: null };
  const nested = NESTED.find((prefix) => path.startsWith(`${prefix}/`));
  if (nested) return { page: PAGES.find((p) => p.path === nested) ?? null, customerId: null };
  const profile = /^\/customers\/(.+)$/.exec(path);
  if (profile?.[1]) {
    return {
      page: PAGES.find((p) => p.path === '/customers') ?? null,
      customerId: decodeURIComponent(profile[1]),
    };
  }
  return { page: null, customerId: null };
}
