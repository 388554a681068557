import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { spawnServe } from '../hardening/http-support.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

const EVENTS =
  'customer_id,type,timestamp,amount\nc1,purchase,2026-01-05,10\nc1,purchase,2026-02-05,20\n';

/** The log's lines as objects (the start line for programs is among them, with `event`). */
function lines(log: string): Record<string, unknown>[] {
  return log
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the log of clv serve', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await tempProject({ refresh: { cron: null } });
    const file = await project.file('e.csv', EVENTS);
    await importFile(project.warehouse, project.project, { file, kind: 'events' });
    await project.warehouse.close();
  });
  afterAll(() => project.cleanup());

  async function session(args: string[]): Promise<Record<string, unknown>[]> {
    const server = await spawnServe(project.dir, args);
    try {
      for (let i = 0; i < 5; i++) {
        const answer = await fetch(`${server.url}/api/v1/status`);
        expect(answer.status).toBe(200);
        await answer.arrayBuffer();
      }
      const refreshed = await fetch(`${server.url}/api/v1/refresh`, { method: 'POST' });
      expect(refreshed.status).toBe(200);
      await refreshed.arrayBuffer();
    } finally {
      await server.stop();
    }
    return lines(server.log());
  }

  it('says by default that it started and refreshed, and nothing of each quick request', async () => {
    const log = await session([]);
    const messages = log.map((line) => line['msg']).filter((msg) => msg !== undefined);
    expect(messages[0]).toMatch(/^Server listening at http:\/\/127\.0\.0\.1:\d+$/);
    expect(messages).toContain('refresh 1 done');
    expect(log.find((line) => line['msg'] === 'refresh 1 done')).toMatchObject({
      reason: 'manual',
      refreshId: 1,
      events: 2,
    });
    // The refresh may pass the slow-request mark on a loaded machine; the status reads may not.
    const quick = log.filter((line) => {
      const req = line['req'] as { url?: string } | undefined;
      return /request/.test(String(line['msg'])) && req?.url !== '/api/v1/refresh';
    });
    expect(quick).toEqual([]);
  });

  it("logs every visitor's request at --log-level debug, not the server's own warm-up", async () => {
    // The built server has the dashboard: at start it computes the first visit's answers, by
    // requests of its own that this log must not show as visitors.
    const log = await session(['--log-level', 'debug']);
    const incoming = log.filter((line) => line['msg'] === 'incoming request');
    expect(incoming.map((line) => (line['req'] as { url?: string }).url)).toEqual([
      ...Array<string>(5).fill('/api/v1/status'),
      '/api/v1/refresh',
    ]);
    expect(log.filter((line) => line['msg'] === 'request completed')).toHaveLength(6);
  });
});
