import type { Command } from 'commander';
import { outputFor, withProjectStore } from '../context.js';
import { table } from '../output.js';
import type { RefreshSummary } from '../../model/refresh.js';
import { refreshAll } from '../../pipeline/refresh-all.js';

export function registerRefresh(program: Command): void {
  program
    .command('refresh')
    .description(
      'rebuild every derived table from the raw tables and refit the prediction models, published in one transaction',
    )
    .action(async (_options: unknown, command: Command) => {
      const output = outputFor(command);
      const summary = await withProjectStore(
        command,
        (project, warehouse) => refreshAll(warehouse, project.config),
        (server) => server.send<RefreshSummary>('POST', '/refresh'),
      );
      output.result(summary, () =>
        [
          `refresh ${summary.refreshId}: ${summary.events} events up to import ${summary.lastImportId ?? '-'} (${summary.seconds.toFixed(2)} s)`,
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
          ...summary.warnings.map((warning) => `warning: ${warning}`),
        ].join('\n'),
      );
    });
}
