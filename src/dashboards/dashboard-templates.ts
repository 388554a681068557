import { queryTemplate } from '../query/query-templates.js';
import type { SavedQuery } from '../query/saved-queries.js';
import { dashboardInputSchema, type DashboardInput, type Widget } from './dashboard-schema.js';

/** A dashboard the product ships, to start from. */
export interface DashboardTemplate {
  key: string;
  title: string;
  description: string;
  dashboard: DashboardInput;
}

/**
 * The source of a widget on a shipped saved query: the saved query of that template's name,
 * or, when none is saved (deleted, renamed), the id `template:<key>`, which no saved query
 * has, so that the widget says its query is missing instead of guessing another.
 */
function savedQuerySource(
  saved: readonly SavedQuery[],
  key: string,
  params: Extract<Widget['source'], { kind: 'query' }>['params'],
): Widget['source'] {
  const name = queryTemplate(key)?.name;
  const found = saved.find((query) => query.name === name);
  return { kind: 'query', queryId: found?.id ?? `template:${key}`, params };
}

const DATES = { from: { filter: 'from' }, to: { filter: 'to' } } as const;

/** The shipped dashboards, their query widgets on the saved queries of this store. */
export function dashboardTemplates(saved: readonly SavedQuery[]): DashboardTemplate[] {
  const templates: Omit<DashboardTemplate, 'dashboard'>[] = [];
  const dashboards: unknown[] = [];
  const add = (key: string, title: string, description: string, widgets: Widget[]) => {
    templates.push({ key, title, description });
    dashboards.push({ title, description, widgets });
  };
  add(
    'clv-deciles',
    'CLV deciles',
    'Customers, revenue and mean CLV per decile, the deciles of the active customers by predicted CLV, and each decile’s share of revenue over time',
    [
      {
        id: 'decile-customers',
        title: 'Customers and revenue per revenue decile',
        layout: { x: 0, y: 0, w: 6, h: 8 },
        source: { kind: 'report', report: 'deciles' },
        visual: { type: 'bar', x: 'decile', y: ['revenue'], format: 'money' },
      },
      {
        id: 'decile-mean',
        title: 'Mean lifetime revenue per decile',
        layout: { x: 6, y: 0, w: 6, h: 8 },
        source: { kind: 'report', report: 'deciles' },
        visual: { type: 'table', x: 'decile', y: ['customers', 'revenue', 'share', 'mean'] },
      },
      {
        id: 'clv-deciles',
        title: 'Active customers by predicted CLV decile',
        layout: { x: 0, y: 8, w: 6, h: 8 },
        source: savedQuerySource(saved, 'clv-deciles-summary', {}),
        visual: { type: 'bar', x: 'decile', y: ['avg_predicted_clv'], format: 'money' },
      },
      {
        id: 'decile-share',
        title: 'Decile share of revenue over time',
        layout: { x: 6, y: 8, w: 6, h: 8 },
        source: savedQuerySource(saved, 'clv-decile-share', DATES),
        visual: {
          type: 'stacked-bar',
          x: 'month',
          y: ['share'],
          series: 'decile',
          format: 'percent',
        },
      },
    ],
  );
  add(
    'campaign-response',
    'Campaign response',
    'Emails opened by audience and campaign, the funnel of every campaign, attributed revenue',
    [
      {
        id: 'opened-by-audience',
        title: 'Emails opened by audience and campaign',
        layout: { x: 0, y: 0, w: 12, h: 9 },
        source: { kind: 'campaign', campaignId: null, figure: 'opened-by-audience' },
        visual: { type: 'stacked-bar', x: 'campaign', y: ['opened'], series: 'audience' },
      },
      {
        id: 'campaign-funnel',
        title: 'Campaigns: recipients, opens, clicks, attributed revenue',
        layout: { x: 0, y: 9, w: 12, h: 9 },
        source: { kind: 'campaign', campaignId: null, figure: 'funnel' },
        visual: { type: 'table', limit: 50 },
      },
    ],
  );
  add(
    'retention-by-consent',
    'Retention by consent',
    'Retention of email and SMS subscribers against non-subscribers in the dashboard’s period, with the overall retention and churn',
    [
      {
        id: 'retention-rate',
        title: 'Retention rate',
        layout: { x: 0, y: 0, w: 3, h: 4 },
        source: { kind: 'kpi', kpi: 'retentionRate' },
        visual: { type: 'kpi', format: 'percent' },
      },
      {
        id: 'churn',
        title: 'Churn',
        layout: { x: 3, y: 0, w: 3, h: 4 },
        source: { kind: 'kpi', kpi: 'churn' },
        visual: { type: 'kpi', format: 'percent' },
      },
      {
        id: 'retention-by-consent',
        title: 'Retention by email and SMS consent',
        layout: { x: 0, y: 4, w: 12, h: 8 },
        source: savedQuerySource(saved, 'retention-by-consent', DATES),
        visual: { type: 'bar', x: 'segment', y: ['retention_rate'], format: 'percent' },
      },
    ],
  );
  return templates.map((template, i) => ({
    ...template,
    dashboard: dashboardInputSchema.parse(dashboards[i]),
  }));
}
