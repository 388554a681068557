/**
 * What the dashboard's pages ask for on a first visit, with their default filters, where the
 * answer is cached: a server that has never served (no list of recent answers) computes these
 * behind its start, so that a newcomer's first pages are answered from the cache. The overview
 * first, then the pages in menu order. A browser test visits every page and holds this list to
 * what the pages ask (test/web/fresh-demo.test.ts); answers about one item (a campaign, a
 * customer) depend on the data and are left to their first reader.
 */
export const FIRST_VISIT_REQUESTS: readonly string[] = [
  // Overview (and Trends)
  '/api/v1/metrics?compare=previous&series=month',
  '/api/v1/metrics/order-outcomes',
  '/api/v1/model',
  '/api/v1/metrics/catalog',
  // Segments: the email segmentation, which every shop offers
  '/api/v1/metrics?compare=previous&segment=email',
  '/api/v1/metrics/rfm',
  // Deciles, Cohorts
  '/api/v1/metrics/deciles?by=revenue',
  '/api/v1/metrics/cohorts',
  // Predictions
  '/api/v1/model/distributions',
  '/api/v1/customers/top?by=predicted&limit=20',
  '/api/v1/customers/at-risk?limit=20',
  // Channels, Customers, Audiences, Campaigns, Survey
  '/api/v1/metrics/channels',
  '/api/v1/customers/top?by=predicted&limit=25&offset=0',
  '/api/v1/audiences',
  '/api/v1/campaigns',
  '/api/v1/metrics/nps',
];
