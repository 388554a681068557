// A user-defined dashboard as the API stores it (GET /dashboards/:id): a title, the filters
// its viewers start from, and a grid of widgets, each a source of data and a way to draw it.

export const REPORTS = [
  'monthly',
  'deciles',
  'cohorts',
  'rfm',
  'channels',
  'order-outcomes',
] as const;
export type ReportKey = (typeof REPORTS)[number];

export const CAMPAIGN_FIGURES = ['funnel', 'daily', 'opened-by-audience'] as const;
export type CampaignFigure = (typeof CAMPAIGN_FIGURES)[number];

export const FILTER_KEYS = ['from', 'to', 'segment'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export type ParamValue = string | number | boolean | null;
/** A saved query's parameter: bound to one of the dashboard's filters, or a fixed value. */
export type ParamBinding = { filter: FilterKey } | { value: ParamValue };

export type WidgetSource =
  | { kind: 'kpi'; kpi: string }
  | { kind: 'report'; report: ReportKey }
  | { kind: 'query'; queryId: string; params: Record<string, ParamBinding> }
  | { kind: 'audience'; audienceId: string }
  | { kind: 'campaign'; campaignId: string | null; figure: CampaignFigure };
export type SourceKind = WidgetSource['kind'];

export const VISUAL_TYPES = [
  'kpi',
  'bar',
  'stacked-bar',
  'line',
  'area',
  'pie',
  'table',
  'heatmap',
] as const;
export type VisualType = (typeof VISUAL_TYPES)[number];
export type VisualFormat = 'number' | 'money' | 'percent';

export interface Visual {
  type: VisualType;
  x?: string;
  y?: string[];
  series?: string;
  format?: VisualFormat;
  sort?: { by: string; dir: 'asc' | 'desc' };
  limit?: number;
}

/** A place on the 12-column grid, in grid units. */
export interface WidgetLayout {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Widget {
  id: string;
  title: string;
  layout: WidgetLayout;
  source: WidgetSource;
  visual: Visual;
}

export interface DashboardFilters {
  from: string | null;
  to: string | null;
  /** A segment as the filter bar writes it: `email|subscribed`, `attribute:country|DE`. */
  segment: string | null;
}

/** What a save sends (and what an import holds). */
export interface DashboardInput {
  schemaVersion?: 1;
  title: string;
  description: string;
  filters: DashboardFilters;
  widgets: Widget[];
}

export interface Dashboard extends DashboardInput {
  id: string;
  schemaVersion: 1;
  version: number;
  owner: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface DashboardSummary {
  id: string;
  title: string;
  description: string;
  widgets: number;
  version: number;
  owner: string;
  updatedAt: string;
}

export interface DashboardTemplate {
  key: string;
  title: string;
  description: string;
  dashboard: DashboardInput;
}

/** The grid's width in columns and the limits the server checks. */
export const GRID = { cols: 12, maxY: 1000, maxH: 40, maxWidgets: 50 } as const;

/** The part of a dashboard that editing changes (and undo restores). */
export function inputOf(dashboard: DashboardInput): DashboardInput {
  return {
    schemaVersion: 1,
    title: dashboard.title,
    description: dashboard.description,
    filters: dashboard.filters,
    widgets: dashboard.widgets,
  };
}
