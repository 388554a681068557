import { describe, expect } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { refresh } from '../../src/model/refresh.js';
import { latestRefreshFailure } from '../../src/model/refresh-failures.js';
import { derivedTables } from '../../src/model/registry.js';
import { openStore } from '../../src/store/open-store.js';
import { ClvError } from '../../src/shared/errors.js';
import { tempProject } from '../helpers/temp-project.js';
import { projectTest } from '../helpers/project-test.js';
import { testServer } from '../helpers/test-server.js';

interface Status {
  lastRefresh: { refreshId: number } | null;
  lastFailedRefresh: { startedAt: string; message: string } | null;
}

const MESSAGE =
  /^the refresh failed while building the orders table: Referenced column "status" not found in FROM clause\. /;

describe('a refresh that fails anyway', () => {
  const test = projectTest(async () => {
    const t = await tempProject({ refresh: { cron: null } });
    const file = await t.file(
      'events.csv',
      'event_id,customer_id,type,timestamp,amount\ne1,c1,purchase,2024-01-10,10\n',
    );
    await importFile(t.warehouse, t.project, { file, kind: 'events' });
    return t;
  });

  test('is recorded with its time and a message for people, until a refresh succeeds', async ({
    t,
  }) => {
    await refresh(t.warehouse, t.project.config);
    await t.warehouse.run('ALTER TABLE events RENAME COLUMN status TO status_gone');
    const failing = refresh(t.warehouse, t.project.config, derivedTables);
    await expect(failing).rejects.toThrow(ClvError);
    await expect(failing).rejects.toThrow(MESSAGE);
    const failure = await latestRefreshFailure(t.warehouse);
    expect(failure?.message).toMatch(MESSAGE);
    expect(failure?.message).toMatch(/The reports still show the last refresh that succeeded$/);
    expect(failure?.message).not.toMatch(/LINE|SELECT|Binder/);
    expect(failure?.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Readers still see the first refresh, whole.
    expect(await t.query('SELECT count(*)::INTEGER AS n FROM orders')).toEqual([{ n: 1 }]);

    await t.warehouse.run('ALTER TABLE events RENAME COLUMN status_gone TO status');
    await refresh(t.warehouse, t.project.config);
    expect(await latestRefreshFailure(t.warehouse)).toBeNull();
  });

  test('shows in GET /status as lastFailedRefresh, declared in the API document, and clears', async ({
    t,
  }) => {
    await t.warehouse.run('ALTER TABLE events RENAME COLUMN status TO status_gone');
    let api = await testServer(t, { keys: false });
    try {
      const failed = await api.request('/api/v1/refresh', { method: 'POST' });
      expect(failed.status).toBe(500);
      const body = (await failed.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(MESSAGE);
      expect(body.error.message).toMatch(/No refresh has succeeded yet$/);
      const status = (await (await api.request('/api/v1/status')).json()) as Status;
      expect(status.lastRefresh).toBeNull();
      expect(status.lastFailedRefresh).toEqual({
        startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        message: body.error.message,
      });
      const document = (await (await api.request('/api/v1/openapi.json')).json()) as {
        paths: Record<string, { get: { responses: Record<string, unknown> } }>;
      };
      expect(JSON.stringify(document.paths['/api/v1/status'])).toContain('lastFailedRefresh');
    } finally {
      await api.close();
    }
    // Mended, the next refresh succeeds and the failure is no longer shown.
    const store = await openStore(t.project);
    await store.run('ALTER TABLE events RENAME COLUMN status_gone TO status');
    api = await testServer({ ...t, warehouse: store }, { keys: false });
    try {
      expect((await api.request('/api/v1/refresh', { method: 'POST' })).status).toBe(200);
      const status = (await (await api.request('/api/v1/status')).json()) as Status;
      expect(status.lastRefresh?.refreshId).toBe(1);
      expect(status.lastFailedRefresh).toBeNull();
    } finally {
      await api.close();
    }
  });
});
