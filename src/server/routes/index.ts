import type { ApiRoute } from '../route.js';
import { adminRoutes } from './admin-routes.js';
import { audienceRoutes } from './audience-routes.js';
import { campaignRoutes } from './campaign-routes.js';
import { customerRoutes } from './customer-routes.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { destinationRoutes } from './destination-routes.js';
import { drilldownRoutes } from './drilldown-routes.js';
import { ingestRoutes } from './ingest-routes.js';
import { kpiCatalogRoutes } from './kpi-catalog-routes.js';
import { metricsRoutes } from './metrics-routes.js';
import { modelRoutes } from './model-routes.js';
import { queryRoutes } from './query-routes.js';
import { savedQueryRoutes } from './saved-query-routes.js';
import { statusRoutes } from './status-routes.js';

/** Every route of the API, in the order the document lists them. */
export const apiRoutes: readonly ApiRoute[] = [
  ...statusRoutes,
  ...metricsRoutes,
  ...drilldownRoutes,
  ...kpiCatalogRoutes,
  ...modelRoutes,
  ...customerRoutes,
  ...audienceRoutes,
  ...campaignRoutes,
  ...queryRoutes,
  ...savedQueryRoutes,
  ...dashboardRoutes,
  ...ingestRoutes,
  ...destinationRoutes,
  ...adminRoutes,
];
