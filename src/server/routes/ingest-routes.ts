import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { FORMATS, KINDS } from '../../ingest/formats.js';
import { importFile } from '../../ingest/import-file.js';
import { ClvError } from '../../shared/errors.js';
import { route } from '../route.js';
import type { ServerContext } from '../server-context.js';
import { withUpload } from '../uploads.js';

const outcome = z.strictObject({
  importId: z
    .number()
    .nullable()
    .describe("the batch's import; null when no event was valid, and then none was made"),
  accepted: z.number().describe('events newly stored'),
  duplicates: z
    .array(z.strictObject({ index: z.number(), eventId: z.string() }))
    .describe('valid events already stored, or repeated earlier in the batch'),
  rejected: z.array(z.strictObject({ index: z.number(), reason: z.string() })),
});

const importSummary = z.strictObject({
  file: z.string().describe("the file's name as the client sent it"),
  kind: z.enum(KINDS),
  read: z.number().describe('rows read'),
  inserted: z.number().describe('rows newly stored'),
  duplicates: z.number(),
  rejected: z.number(),
  rejectsFile: z
    .string()
    .nullable()
    .describe('on the server: the rejected rows and their reasons; null when none'),
  seconds: z.number(),
  warnings: z.array(z.string()).describe('what the person importing should know'),
});

/** Event ingest (group-committed, durable before the reply) and file uploads for batch import. */
export const ingestRoutes = [
  route({
    method: 'POST',
    path: '/events',
    tag: 'ingest',
    summary: 'Store events: a JSON array or NDJSON, each validated, duplicates stored once',
    description:
      'The reply is sent after the events are committed. Each rejected event is listed with its index (from 0) and reason; events whose event_id is already stored are reported as duplicates.',
    access: 'ingest',
    bodyKind: 'events',
    response: outcome,
    handler: ({ request, context }) => context.ingest.submit(eventsOf(request.body)),
  }),
  route({
    method: 'POST',
    path: '/imports',
    tag: 'ingest',
    summary: 'Upload a file (multipart, field "file") for the batch import of `clv import`',
    access: 'admin',
    bodyKind: 'multipart',
    response: importSummary,
    query: z.object({
      kind: z.enum(KINDS),
      format: z.enum(FORMATS).optional().describe('default: from the file name'),
    }),
    handler: ({ request, query, context }) =>
      withUpload(request, context.project.scratchDir, async (upload) => {
        const summary = await importInLanes(context, {
          file: upload.path,
          // Messages and the format go by the client's name for its file: the scratch copy's
          // means nothing to it.
          name: upload.name,
          kind: query.kind,
          format: query.format,
        }).catch((error: unknown) => {
          // The engine's own report stays in the server's log.
          if (error instanceof ClvError && error.cause !== undefined) {
            request.log.warn({ err: error.cause }, `import of ${upload.name}: ${error.message}`);
          }
          throw error;
        });
        context.refresher.noteIngest();
        return summary;
      }),
  }),
  route({
    method: 'POST',
    path: '/imports/local',
    tag: 'ingest',
    summary: 'Import a file the server can read, by its path (loopback only: `clv import`)',
    description:
      'What `clv import` sends to a `clv serve` on loopback that holds the store: the server reads the file where it lies instead of receiving a copy. Refused (403) unless the server listens on loopback and the request comes from there.',
    access: 'admin',
    body: z.object({
      path: z.string().min(1).max(4096).describe('an absolute path on the server'),
      kind: z.enum(KINDS),
      format: z.enum(FORMATS).optional().describe('default: from the file name'),
    }),
    response: importSummary,
    handler: async ({ request, body, context }) => {
      if (!context.loopback || !isLoopbackAddress(request.ip)) {
        throw new ClvError(
          'forbidden',
          'a file is imported by its path on loopback only: upload it to POST /api/v1/imports',
        );
      }
      if (!isAbsolute(body.path))
        throw new ClvError('bad_input', 'body.path: must be an absolute path');
      const summary = await importInLanes(context, {
        file: body.path,
        kind: body.kind,
        format: body.format,
      });
      context.refresher.noteIngest();
      return summary;
    },
  }),
];

/** An import, after any refresh under way (see `bulk`) and between ingested batches. */
function importInLanes(
  context: ServerContext,
  options: Parameters<typeof importFile>[2],
): ReturnType<typeof importFile> {
  return context.bulk.run(() =>
    context.writes.run(() => importFile(context.write, context.project, options)),
  );
}

function isLoopbackAddress(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

/** The events of a JSON array body or an NDJSON body; anything else is a 400. */
function eventsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (typeof body === 'string') {
    const events: unknown[] = [];
    body.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        events.push(JSON.parse(line));
      } catch {
        throw new ClvError('bad_input', `body: line ${i + 1} is not valid JSON`);
      }
    });
    return events;
  }
  throw new ClvError(
    'bad_input',
    'body: send a JSON array of events, or NDJSON (application/x-ndjson)',
  );
}
