import { createKey } from '../../src/keys/api-keys.js';
import type { Role } from '../../src/keys/api-keys.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import type { TempProject } from './temp-project.js';

export interface TestServer {
  server: RunningServer;
  url: string;
  /** A key of each role, created before the server started (so it is not open). */
  keys: Record<Role, string>;
  /** fetch against the server with an optional key. */
  request(path: string, init?: RequestInit & { key?: string | null }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Starts the real server on a free loopback port over a test project. The project's own
 * connection is closed first: one process holds a DuckDB file. With `keys`, one key of each
 * role is created, so requests need them.
 */
export async function testServer(
  project: TempProject,
  options: { keys?: boolean } = {},
): Promise<TestServer> {
  const keys = { ingest: '', read: '', admin: '' } as Record<Role, string>;
  if (options.keys ?? true) {
    for (const role of ['ingest', 'read', 'admin'] as const) {
      keys[role] = (await createKey(project.warehouse, { role, name: `test ${role}` })).key;
    }
  }
  await project.warehouse.close();
  // The tests of a server ask for what they check; the first visit's answers computed behind
  // each start would add to every test and to the cache they inspect (answer-warm-up tests them).
  const server = await startServer(project.project, {
    port: 0,
    host: '127.0.0.1',
    warmFirstVisit: false,
  });
  return {
    server,
    url: server.url,
    keys,
    request(path, init = {}) {
      const { key, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (key) headers.set('authorization', `Bearer ${key}`);
      return fetch(`${server.url}${path}`, { ...rest, headers });
    },
    close: () => server.close(),
  };
}
