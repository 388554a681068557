import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE } from '../../src/config/project.js';
import { runClv } from './run-cli.js';

const STEP_MS = 60_000;

export interface SmallShop {
  /** The events file (CSV with the canonical column names). */
  events: string;
  /**
   * The project config of each refresh, in order (no scheduled refresh is added to each, so
   * none lands mid-test); one refresh with the defaults when absent.
   */
  refreshes?: readonly object[];
  /** Then a holdout check from this day, stored for the dashboard (`clv predict --holdout-from`). */
  holdoutFrom?: string;
}

/**
 * Fills a project as a user would with the CLI: imports the events, refreshes once per config
 * given (so a test can make the purchase model change between refreshes), and optionally runs
 * a holdout check. For `servedDemo({ shop })`.
 */
export function smallShop(shop: SmallShop): (project: string) => Promise<void> {
  return async (project) => {
    const file = join(project, 'events.csv');
    await writeFile(file, shop.events, 'utf8');
    await clv(['import', file, '--kind', 'events', '--project', project]);
    for (const config of shop.refreshes ?? [{}]) {
      const settings = { ...config, refresh: { cron: null } };
      await writeFile(join(project, CONFIG_FILE), JSON.stringify(settings), 'utf8');
      await clv(['refresh', '--project', project]);
    }
    if (shop.holdoutFrom) {
      await clv(['predict', '--project', project, '--holdout-from', shop.holdoutFrom]);
    }
  };
}

async function clv(args: string[]): Promise<void> {
  const result = await runClv(args, { killAfterMs: STEP_MS });
  if (result.code !== 0) {
    throw new Error(
      `clv ${args.join(' ')} exited ${result.code ?? result.signal}: ${result.stderr}`,
    );
  }
}
