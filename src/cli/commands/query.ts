import type { Command } from 'commander';
import { querySchema, type QuerySchema } from '../../query/query-schema.js';
import { startQuery } from '../../query/query-service.js';
import { ensureQuerySnapshot } from '../../query/query-snapshot.js';
import { ClvError } from '../../shared/errors.js';
import { outputFor, withProjectStore } from '../context.js';
import { runAndPrint, runOptions, type RunFlags } from './query-run.js';
import { describeSchema } from './query-text.js';

/** Adds `clv query`: one read-only SQL statement over the tables of the latest refresh. */
export function registerQuery(program: Command): void {
  runOptions(
    program
      .command('query')
      .description('run one read-only SQL statement over the tables of the latest refresh')
      .argument('[sql]', 'one SELECT; {{name}} or $name for a parameter given with --param'),
  )
    .option('--schema', 'list the tables, their columns and types instead of running SQL')
    .action(
      async (sql: string | undefined, flags: RunFlags & { schema?: boolean }, command: Command) => {
        if (flags.schema) {
          const schema = await withProjectStore(
            command,
            async (project, warehouse) =>
              querySchema(
                await ensureQuerySnapshot(warehouse, project.queryDir, project.config.query),
              ),
            (server) => server.get<QuerySchema>('/query/schema'),
          );
          outputFor(command).result(schema, () => describeSchema(schema));
          return;
        }
        if (!sql) throw new ClvError('usage', 'give the SQL to run, or --schema for the tables');
        await runAndPrint(command, flags, {
          start: (project, _warehouse, snapshot, run) =>
            startQuery(snapshot, project.queryDir, project.config, { sql, ...run }),
          remote: (run) => ({ path: '/query', body: { sql, ...run } }),
        });
      },
    );
}
