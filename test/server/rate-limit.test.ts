import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

describe('rate limits', () => {
  let project: TempProject;
  let api: TestServer;
  beforeAll(async () => {
    project = await tempProject({ server: { rateLimitPerMinute: 3 }, refresh: { cron: null } });
    api = await testServer(project);
  });
  afterAll(async () => {
    await api.close();
    await project.cleanup();
  });

  it('counts per key and answers 429 with Retry-After past the limit', async () => {
    const status = (key: string) => api.request('/api/v1/status', { key });
    for (let i = 0; i < 3; i++) expect((await status(api.keys.read)).status).toBe(200);
    const limited = await status(api.keys.read);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Another key has its own allowance.
    expect((await status(api.keys.admin)).status).toBe(200);
  });
});
