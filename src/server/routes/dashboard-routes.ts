import { z } from 'zod';
import { dashboardInputSchema } from '../../dashboards/dashboard-schema.js';
import {
  createDashboard,
  deleteDashboard,
  duplicateDashboard,
  getDashboard,
  listDashboards,
  saveDashboard,
} from '../../dashboards/dashboard-store.js';
import { dashboardTemplates } from '../../dashboards/dashboard-templates.js';
import { listSavedQueries } from '../../query/saved-queries.js';
import { ClvError } from '../../shared/errors.js';
import { callerName } from '../auth.js';
import {
  dashboardListSchema,
  dashboardSchema,
  dashboardTemplatesSchema,
} from '../responses/dashboard-responses.js';
import { route } from '../route.js';
import type { ServerContext } from '../server-context.js';

const idParams = z.object({ id: z.string().min(1).max(100) });

const templatesOf = async (context: ServerContext) =>
  dashboardTemplates(await context.reads.use((w) => listSavedQueries(w)));

/** The document of a create: a dashboard, or a template's with an optional title. */
const createBody = z.union([
  z.strictObject({
    template: z.string().max(100),
    title: z.string().trim().min(1).max(200).optional(),
  }),
  dashboardInputSchema,
]);

/** User-defined dashboards: JSON documents of widgets (admins edit, readers view). */
export const dashboardRoutes = [
  route({
    method: 'GET',
    path: '/dashboards',
    tag: 'dashboards',
    summary: 'Every dashboard, the last updated first',
    access: 'read',
    response: dashboardListSchema,
    handler: async ({ context }) => ({
      dashboards: await context.reads.use((w) => listDashboards(w)),
    }),
  }),
  route({
    method: 'GET',
    path: '/dashboards/templates',
    tag: 'dashboards',
    summary: 'The shipped dashboards: CLV deciles, Campaign response, Retention by consent',
    description:
      'Their query widgets name the saved queries of the same templates in this store (the demo saves them); `template:<key>` when none is saved.',
    access: 'read',
    response: dashboardTemplatesSchema,
    handler: async ({ context }) => ({ templates: await templatesOf(context) }),
  }),
  route({
    method: 'GET',
    path: '/dashboards/:id',
    tag: 'dashboards',
    summary: 'One dashboard: its JSON document, also its export',
    access: 'read',
    params: idParams,
    response: dashboardSchema,
    handler: ({ params, context }) => context.reads.use((w) => getDashboard(w, params.id)),
  }),
  route({
    method: 'POST',
    path: '/dashboards',
    tag: 'dashboards',
    summary: 'Create a dashboard from a document (an export imports as it is) or a template',
    description: '400 with details naming each invalid field.',
    access: 'admin',
    status: 201,
    body: createBody,
    response: dashboardSchema,
    handler: async ({ body, context, request }) => {
      let input;
      if ('template' in body) {
        const template = (await templatesOf(context)).find((t) => t.key === body.template);
        if (!template) {
          throw new ClvError(
            'bad_input',
            `template: no dashboard template ${JSON.stringify(body.template)}`,
          );
        }
        input = { ...template.dashboard, title: body.title ?? template.dashboard.title };
      } else {
        input = body;
      }
      return context.writes.run(() => createDashboard(context.write, input, callerName(request)));
    },
  }),
  route({
    method: 'POST',
    path: '/dashboards/:id',
    tag: 'dashboards',
    summary: 'Save the next version of a dashboard in place of `version`',
    description: '409 when someone saved it since that version (details { version }).',
    access: 'admin',
    params: idParams,
    body: dashboardInputSchema.extend({ version: z.number().int().min(1) }),
    response: dashboardSchema,
    handler: ({ params, body, context, request }) => {
      const { version, ...input } = body;
      return context.writes.run(() =>
        saveDashboard(context.write, params.id, input, version, callerName(request)),
      );
    },
  }),
  route({
    method: 'POST',
    path: '/dashboards/:id/duplicate',
    tag: 'dashboards',
    summary: 'Copy a dashboard, titled "<title> (copy)" unless a title is given',
    access: 'admin',
    status: 201,
    params: idParams,
    body: z.strictObject({ title: z.string().trim().min(1).max(200).optional() }).prefault({}),
    response: dashboardSchema,
    handler: ({ params, body, context, request }) =>
      context.writes.run(() =>
        duplicateDashboard(context.write, params.id, body.title, callerName(request)),
      ),
  }),
  route({
    method: 'DELETE',
    path: '/dashboards/:id',
    tag: 'dashboards',
    summary: 'Delete a dashboard',
    access: 'admin',
    params: idParams,
    response: z.strictObject({ deleted: z.string() }),
    handler: ({ params, context }) =>
      context.writes.run(() => deleteDashboard(context.write, params.id)),
  }),
];
