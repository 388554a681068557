import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProject } from '../../src/config/project.js';
import { openStore } from '../../src/store/open-store.js';
import { screenshot } from '../helpers/browser.js';
import { dashboardSession } from '../helpers/dashboard-session.js';
import { runClv } from '../helpers/run-cli.js';

/** Renames a column every refresh reads, in the store of the (not yet served) project. */
async function renameStatus(project: string, from: string, to: string): Promise<void> {
  const store = await openStore(await openProject(project));
  try {
    await store.run(`ALTER TABLE events RENAME COLUMN ${from} TO ${to}`);
  } finally {
    await store.close();
  }
}

/**
 * A project whose last refresh failed: a few orders, then `clv refresh` on a store whose
 * events table lacks a column the orders need (the store is mended afterwards, so the next
 * refresh succeeds).
 */
async function failedRefresh(project: string): Promise<void> {
  const file = join(project, 'events.csv');
  await writeFile(
    file,
    'event_id,customer_id,type,timestamp,amount\ne1,c1,purchase,2024-01-01,10\ne2,c2,purchase,2024-02-01,20\n',
  );
  expect((await runClv(['import', file, '--kind', 'events', '--project', project])).code).toBe(0);
  await renameStatus(project, 'status', 'status_gone');
  const failed = await runClv(['refresh', '--project', project]);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/^clv: the refresh failed while building the orders table: /);
  await renameStatus(project, 'status_gone', 'status');
}

describe('a refresh that failed, in Chromium', () => {
  // Until the first refresh succeeds every report answers 409.
  const t = dashboardSession(
    { shop: failedRefresh },
    { expectedFailures: [/\/api\/v1\/(metrics|model|customers)/] },
  );

  it('says so under the header, in words, until a refresh succeeds', async () => {
    await t.page.goto(`${t.demo.url}/overview`);
    const banner = t.page.locator('[data-role="refresh-failed"]');
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('alert');
    const text = (await banner.textContent()) ?? '';
    expect(text).toMatch(
      /: The refresh failed while building the orders table: Referenced column "status" not found in FROM clause\. No refresh has succeeded yet$/,
    );
    expect(text).not.toMatch(/LINE 1|SELECT|Binder Error/);
    await screenshot(t.page, 'overview-refresh-failed');

    // The store was mended: "Refresh now" succeeds and the line goes.
    await t.page.locator('[data-action="refresh"]').click();
    await banner.waitFor({ state: 'detached', timeout: 60_000 });
    const status = await t.demo.api<{ lastFailedRefresh: unknown; lastRefresh: unknown }>(
      '/status',
    );
    expect(status.lastFailedRefresh).toBeNull();
    expect(status.lastRefresh).not.toBeNull();
  });
});
