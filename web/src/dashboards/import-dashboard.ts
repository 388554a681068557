// Reading a dashboard file someone exported (or wrote): checked here first so the reasons it
// cannot be imported are listed by place ("widgets 2 › layout › w: …") before anything is sent.
// The server checks again with its own schema; its 400 details read the same way.
import { z } from 'zod';
import {
  CAMPAIGN_FIGURES,
  FILTER_KEYS,
  GRID,
  REPORTS,
  VISUAL_TYPES,
  type DashboardInput,
} from './dashboard-types';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .nullable();
const paramValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const source = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('kpi'), kpi: z.string().min(1) }),
  z.object({ kind: z.literal('report'), report: z.enum(REPORTS) }),
  z.object({
    kind: z.literal('query'),
    queryId: z.string().min(1),
    params: z.record(
      z.string(),
      z.union([z.object({ filter: z.enum(FILTER_KEYS) }), z.object({ value: paramValue })]),
    ),
  }),
  z.object({ kind: z.literal('audience'), audienceId: z.string().min(1) }),
  z.object({
    kind: z.literal('campaign'),
    campaignId: z.string().min(1).nullable(),
    figure: z.enum(CAMPAIGN_FIGURES),
  }),
]);

const widget = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, '1 to 40 of a-z, 0-9 and -'),
  title: z.string().min(1).max(200),
  layout: z.object({
    x: z
      .number()
      .int()
      .min(0)
      .max(GRID.cols - 1),
    y: z.number().int().min(0).max(GRID.maxY),
    w: z.number().int().min(1).max(GRID.cols),
    h: z.number().int().min(1).max(GRID.maxH),
  }),
  source,
  visual: z.object({
    type: z.enum(VISUAL_TYPES),
    x: z.string().optional(),
    y: z.array(z.string()).optional(),
    series: z.string().optional(),
    format: z.enum(['number', 'money', 'percent']).optional(),
    sort: z.object({ by: z.string(), dir: z.enum(['asc', 'desc']) }).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  }),
});

const dashboardFile = z.object({
  schemaVersion: z.literal(1).optional(),
  title: z.string().min(1).max(200),
  description: z.string().max(1000).default(''),
  filters: z
    .object({ from: day, to: day, segment: z.string().min(1).nullable() })
    .default({ from: null, to: null, segment: null }),
  widgets: z
    .array(widget)
    .max(GRID.maxWidgets)
    .refine((ws) => new Set(ws.map((w) => w.id)).size === ws.length, 'widget ids must be unique'),
});

export type ImportResult = { ok: true; input: DashboardInput } | { ok: false; errors: string[] };

/** A place in the document for people: `widgets 2 › layout › w` (widgets counted from 1). */
export function placeName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the file';
  return path
    .map((part, i) => (typeof part === 'number' && i > 0 ? `${String(part + 1)}` : String(part)))
    .join(' › ')
    .replace(/ › (\d+)/g, ' $1');
}

/** The file's dashboard, without the fields a save sets (id, version, owner…), or what is wrong. */
export function readDashboardFile(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [`The file is not JSON: ${reason}`] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, errors: ['The file does not hold a dashboard (a JSON object).'] };
  }
  const version = (json as { schemaVersion?: unknown }).schemaVersion;
  if (version !== undefined && version !== 1) {
    return {
      ok: false,
      errors: [`The file is a dashboard of format version ${String(version)}; this one reads 1.`],
    };
  }
  const parsed = dashboardFile.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => `${placeName(issue.path)}: ${issue.message}`),
    };
  }
  return { ok: true, input: { schemaVersion: 1, ...parsed.data } };
}

/**
 * The server's validation details as the same sentences: `[{ field, message }]` with the
 * field as a dotted path from the request (`body.widgets.0.layout.x`); `path` is read too.
 */
export function serverProblems(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null) return [];
    const { field, path, message } = d as { field?: unknown; path?: unknown; message?: unknown };
    if (typeof message !== 'string') return [];
    const where = typeof field === 'string' ? field : typeof path === 'string' ? path : '';
    const parts = where
      .replace(/^body(\.|$)/, '')
      .split('.')
      .filter(Boolean);
    const place = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    return [`${placeName(place)}: ${message}`];
  });
}
