import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { apiRoutes } from '../../src/server/routes/index.js';

describe('the dashboard files', () => {
  let root: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'clv-dashboard-files-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>CLV</title>');
    await writeFile(join(root, 'assets', 'overview-abc123.js'), 'export const a = 1;');
    await writeFile(join(root, 'assets', 'overview-abc123.js.gz'), gzipSync('export const a = 1;'));
    app = await buildApp({
      routes: apiRoutes,
      context: () => null,
      bodyLimitBytes: 1024,
      maxAnswerBytes: 1024 * 1024,
      rateLimitPerMinute: 100,
      allowedHosts: [],
      version: '0.0.0-test',
      logger: false,
      dashboardRoot: root,
    });
  });
  afterAll(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });

  const page = (url: string) =>
    app.inject({ method: 'GET', url, headers: { accept: 'text/html,application/xhtml+xml' } });

  it('serves the page at / and at every page address, never cached', async () => {
    for (const url of [
      '/',
      '/overview',
      '/customers/C000123?x=1',
      '/customers/jane.doe@example.com',
    ]) {
      const response = await page(url);
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe('<!doctype html><title>CLV</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-type']).toMatch(/^text\/html/);
    }
  });

  it('lets browsers keep hashed assets, and answers missing files and API paths with 404 JSON', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/overview-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/assets/missing.js', '/api/v1/nothing']) {
      const response = await page(url);
      expect(response.statusCode).toBe(404);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('not_found');
    }
  });

  it('sends the compressed copy the build made to browsers that accept it', async () => {
    const url = '/assets/overview-abc123.js';
    const gzip = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe('export const a = 1;');
    const plain = await app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('export const a = 1;');
  });

  it('allows its own scripts only, and does not push a plain-HTTP server to HTTPS', async () => {
    const csp = (await page('/')).headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});
