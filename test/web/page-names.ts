/** Every page of the dashboard by its address, in menu order: what the browser tests visit. */
export const DASHBOARD_PAGES = [
  'overview',
  'dashboards',
  'trends',
  'segments',
  'deciles',
  'cohorts',
  'predictions',
  'channels',
  'customers',
  'audiences',
  'campaigns',
  'survey',
  'query',
] as const;
