import { z } from 'zod';
import type { Dashboard, DashboardSummary } from '../../dashboards/dashboard-schema.js';
import { dashboardInputSchema } from '../../dashboards/dashboard-schema.js';
import type { DashboardTemplate } from '../../dashboards/dashboard-templates.js';
import { instant } from './shared-responses.js';

// The dashboards' answers, field for field as src/dashboards declares them; the checks at the
// end fail the typecheck when the two part.

const stored = {
  id: z.string().describe('dsh_ and 10 hex digits'),
  version: z.number().int().describe('counts the saves; a save names the one it replaces'),
  owner: z.string(),
  createdAt: instant,
  updatedAt: instant,
  updatedBy: z.string(),
};

export const dashboardSchema = z.strictObject({
  ...dashboardInputSchema.shape,
  schemaVersion: z.literal(1),
  ...stored,
});

export const dashboardListSchema = z.strictObject({
  dashboards: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      widgets: z.number().int(),
      version: z.number().int(),
      owner: z.string(),
      updatedAt: instant,
    }),
  ),
});

export const dashboardTemplatesSchema = z.strictObject({
  templates: z.array(
    z.strictObject({
      key: z.string(),
      title: z.string(),
      description: z.string(),
      dashboard: z.strictObject({ ...dashboardInputSchema.shape, schemaVersion: z.literal(1) }),
    }),
  ),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const dashboardIsSchema: Same<Dashboard, z.output<typeof dashboardSchema>> = true;
const summaryIsSchema: Same<
  DashboardSummary,
  z.output<typeof dashboardListSchema>['dashboards'][number]
> = true;
const templateIsSchema: Same<
  DashboardTemplate,
  z.output<typeof dashboardTemplatesSchema>['templates'][number]
> = true;
void dashboardIsSchema;
void summaryIsSchema;
void templateIsSchema;
