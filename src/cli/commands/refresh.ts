import type { Command } from 'commander';
import { lastRefreshIfUnchanged } from '../../model/store-state.js';
import { refreshAll, type FullRefreshSummary } from '../../pipeline/refresh-all.js';
import { outputFor, withProjectStore } from '../context.js';
import { table } from '../output.js';
import { stepProgressBar } from '../progress-bar.js';
import type { RemoteServer } from '../remote-server.js';

/** What `--if-changed` answers when nothing was imported since the last refresh. */
export interface SkippedRefresh {
  skipped: true;
  refreshId: number;
  reason: string;
}

function skipped(refreshId: number): SkippedRefresh {
  return {
    skipped: true,
    refreshId,
    reason: `nothing imported since refresh ${refreshId}: its tables are current`,
  };
}

export function registerRefresh(program: Command): void {
  program
    .command('refresh')
    .description(
      'rebuild every derived table from the raw tables and refit the prediction models, published in one transaction',
    )
    .option(
      '--if-changed',
      'skip the refresh when nothing was imported since the last one (a changed config still needs a plain refresh)',
    )
    .option(
      '--full',
      'build every derived table in full, not in part on the last refresh’s tables (what a refresh does by itself when the config changed)',
    )
    .action(async (options: { ifChanged?: boolean; full?: boolean }, command: Command) => {
      const output = outputFor(command);
      const result = await withProjectStore<FullRefreshSummary | SkippedRefresh>(
        command,
        async (project, warehouse) => {
          const unchanged = options.ifChanged ? await lastRefreshIfUnchanged(warehouse) : null;
          if (unchanged !== null) return skipped(unchanged);
          const bar = output.json ? null : stepProgressBar('refresh');
          try {
            return await refreshAll(warehouse, project.config, bar?.step, {
              queryDir: project.queryDir,
              full: options.full ?? false,
            });
          } finally {
            bar?.done();
          }
        },
        (server) => refreshThrough(server, options.ifChanged ?? false, options.full ?? false),
      );
      if ('skipped' in result) {
        output.result(result, () => `refresh skipped: ${result.reason}`);
        return;
      }
      output.result(result, () => describeRefresh(result));
    });
}

/** A refresh by the running server; with --if-changed, only when its status shows new events. */
async function refreshThrough(
  server: RemoteServer,
  ifChanged: boolean,
  full: boolean,
): Promise<FullRefreshSummary | SkippedRefresh> {
  if (ifChanged) {
    const status = await server.get<{
      lastRefresh: { refreshId: number } | null;
      eventsSinceRefresh: number;
    }>('/status');
    if (status.lastRefresh && status.eventsSinceRefresh === 0) {
      return skipped(status.lastRefresh.refreshId);
    }
  }
  return server.send<FullRefreshSummary>('POST', full ? '/refresh?full=true' : '/refresh');
}

function describeRefresh(summary: FullRefreshSummary): string {
  return [
    `refresh ${summary.refreshId}: ${summary.events.toLocaleString('en')} events up to import ${summary.lastImportId ?? '-'} (${summary.seconds.toFixed(2)} s)`,
    summary.build.mode === 'incremental'
      ? `built on refresh ${summary.build.fromRefresh}: ${summary.build.tables.join(', ')} in part, the rest in full`
      : `every table built in full: ${summary.build.reason}`,
    table(summary.tables.map((t) => [t.name, t.rows])),
    ...summary.models.map(
      (model) =>
        `${model.role} model ${model.model}: ${model.status}${model.reason ? ` (${model.reason})` : ''}`,
    ),
    ...(summary.modelChange
      ? [
          `the purchase model changed from ${summary.modelChange.from} to ${summary.modelChange.to} since the last refresh`,
        ]
      : []),
    ...(summary.audiences.evaluated > 0
      ? [
          `audiences: ${summary.audiences.evaluated} evaluated in ${summary.audiences.seconds.toFixed(2)} s${summary.audiences.failed > 0 ? `, ${summary.audiences.failed} failed (see clv audience list)` : ''}`,
        ]
      : []),
    ...summary.warnings.map((warning) => `warning: ${warning}`),
  ].join('\n');
}
