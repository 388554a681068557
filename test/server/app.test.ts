import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { apiRoutes } from '../../src/server/routes/index.js';
import { startServer } from '../../src/server/start-server.js';
import { tempProject } from '../helpers/temp-project.js';

describe('the application before the store is open', () => {
  it('answers 503 with Retry-After while the store migrates, and serves its document', async () => {
    const app = await buildApp({
      routes: apiRoutes,
      context: () => null,
      bodyLimitBytes: 1024,
      maxAnswerBytes: 1024 * 1024,
      rateLimitPerMinute: 100,
      allowedHosts: [],
      version: '0.0.0-test',
      logger: false,
    });
    try {
      const busy = await app.inject({ method: 'GET', url: '/api/v1/metrics' });
      expect(busy.statusCode).toBe(503);
      expect(busy.headers['retry-after']).toBe('1');
      expect(busy.json()).toEqual({
        error: { code: 'busy', message: 'the store is opening (migrating): try again shortly' },
      });
      const document = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      expect(document.statusCode).toBe(200);
      expect(document.json<{ info: { version: string } }>().info.version).toBe('0.0.0-test');
    } finally {
      await app.close();
    }
  });
});

describe('starting on an address other than loopback', () => {
  it('refuses to start while no API key exists, before listening', async () => {
    const project = await tempProject({ refresh: { cron: null } });
    await project.warehouse.close();
    try {
      // The check comes before the server binds: nothing listens beyond loopback here.
      await expect(startServer(project.project, { port: 0, host: '0.0.0.0' })).rejects.toThrow(
        'clv serve --host 0.0.0.0 needs an API key first: run clv key create --role admin',
      );
    } finally {
      await project.cleanup();
    }
  });
});
