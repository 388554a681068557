import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX } from './route.js';

/** Where `npm run build` puts the dashboard: dist/web, two folders above src/server, dist/server and dist/bin. */
export const DASHBOARD_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/**
 * Serves the built dashboard at `/`. Hashed assets may be cached for good; index.html never, so
 * a new build reaches browsers at once. Returns false when the dashboard has not been built.
 */
export async function registerDashboard(app: FastifyInstance, root: string): Promise<boolean> {
  if (!existsSync(`${root}/index.html`)) return false;
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    index: false,
    // The build writes .br and .gz beside each file (web/precompress.ts).
    preCompressed: true,
    setHeaders: (reply, path) => {
      const hashed = path.includes('/assets/');
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/', { config: { access: 'public' } }, (_request, reply) => sendIndex(reply));
  return true;
}

/**
 * Whether an unknown path is a page of the dashboard's own routing: a browser navigating (it
 * asks for HTML) outside the API and the built assets. Not guessed from a file extension, since
 * a page's address may hold one: a customer id such as jane.doe@example.com.
 */
export function isDashboardPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return (
    request.method === 'GET' &&
    !path.startsWith(`${API_PREFIX}/`) &&
    !path.startsWith('/assets/') &&
    (request.headers.accept ?? '').includes('text/html')
  );
}

/** The dashboard's single page; it reads its route from the address. */
export function sendIndex(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
}
