import { z } from 'zod';

/** The format of a dashboard document; a later format names its own number. */
export const DASHBOARD_SCHEMA_VERSION = 1;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day, YYYY-MM-DD');
const column = z.string().min(1).max(200);
const paramValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

const layout = z.strictObject({
  x: z.number().int().min(0).max(11),
  y: z.number().int().min(0).max(1000),
  w: z.number().int().min(1).max(12),
  h: z.number().int().min(1).max(40),
});

const source = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('kpi'), kpi: z.string().min(1).max(100) }),
  z.strictObject({
    kind: z.literal('report'),
    report: z.enum(['monthly', 'deciles', 'cohorts', 'rfm', 'channels', 'order-outcomes']),
  }),
  z.strictObject({
    kind: z.literal('query'),
    queryId: z.string().min(1).max(100),
    params: z
      .record(
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a parameter name'),
        z.union([
          z.strictObject({ filter: z.enum(['from', 'to', 'segment']) }),
          z.strictObject({ value: paramValue }),
        ]),
      )
      .default({}),
  }),
  z.strictObject({ kind: z.literal('audience'), audienceId: z.string().min(1).max(100) }),
  z.strictObject({
    kind: z.literal('campaign'),
    campaignId: z.string().min(1).max(500).nullable(),
    figure: z.enum(['funnel', 'daily', 'opened-by-audience']),
  }),
]);

const visual = z.strictObject({
  type: z.enum(['kpi', 'bar', 'stacked-bar', 'line', 'area', 'pie', 'table', 'heatmap']),
  x: column.optional(),
  y: z.array(column).max(20).optional(),
  series: column.optional(),
  format: z.enum(['number', 'money', 'percent']).optional(),
  sort: z.strictObject({ by: column, dir: z.enum(['asc', 'desc']) }).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const widgetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, '1 to 40 of a-z, 0-9 and -'),
  title: z.string().min(1).max(200),
  layout,
  source,
  visual,
});

/**
 * What a save takes: the document without what the store keeps (id, version, owner, times).
 * An exported dashboard imports as it is: those fields are dropped, not refused.
 */
export const dashboardInputSchema = z
  .object({
    schemaVersion: z.literal(DASHBOARD_SCHEMA_VERSION).default(DASHBOARD_SCHEMA_VERSION),
    title: z.string().trim().min(1).max(200),
    description: z.string().max(1000).default(''),
    filters: z
      .strictObject({
        from: day.nullable().default(null),
        to: day.nullable().default(null),
        segment: z.string().max(500).nullable().default(null),
      })
      .prefault({}),
    widgets: z
      .array(widgetSchema)
      .max(50)
      .default([])
      .refine(
        (widgets) => new Set(widgets.map((w) => w.id)).size === widgets.length,
        'widget ids must be unique within a dashboard',
      ),
  })
  .strip();

export type DashboardInput = z.output<typeof dashboardInputSchema>;
export type Widget = z.output<typeof widgetSchema>;

/** A saved dashboard: its document and what the store keeps of it. */
export interface Dashboard extends DashboardInput {
  id: string;
  version: number;
  owner: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** A dashboard in the list. */
export interface DashboardSummary {
  id: string;
  title: string;
  description: string;
  widgets: number;
  version: number;
  owner: string;
  updatedAt: string;
}
