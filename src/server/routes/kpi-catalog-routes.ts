import { z } from 'zod';
import { KPI_CATALOG } from '../../metrics/catalog.js';
import { KPI_KEYS, type KpiKey } from '../../metrics/kpis.js';
import { route } from '../route.js';

const kpiEntry = z.object({
  key: z.enum(KPI_KEYS as [KpiKey, ...KpiKey[]]).describe('the KPI’s key in every report'),
  label: z.string().describe('its name for people'),
  unit: z
    .enum(['money', 'count', 'rate', 'ratio', 'decimal'])
    .describe(
      'money: in the base currency; count; rate: a share from 0 to 1; ratio: a multiple; decimal: a plain number',
    ),
  good: z.enum(['up', 'down', 'neither']).describe('which direction of change is good news'),
  monthly: z.boolean().describe('whether series=month gives it a value per month'),
  definition: z.string().describe('what it is, in one sentence'),
  formula: z.string().describe('the metric glossary’s words for it'),
});

const catalog = z.object({
  kpis: z.array(kpiEntry).describe('every KPI, in the order reports list them'),
});

/** What each KPI means: the catalogue the CLI and the docs read too. */
export const kpiCatalogRoutes = [
  route({
    method: 'GET',
    path: '/metrics/catalog',
    tag: 'metrics',
    summary: 'What each KPI means: label, unit, good direction, definition and formula',
    access: 'read',
    cached: true,
    response: catalog,
    handler: async (): Promise<z.infer<typeof catalog>> => ({ kpis: [...KPI_CATALOG] }),
  }),
];
