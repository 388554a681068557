import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { openProject } from '../../config/project.js';
import { ClvError } from '../../shared/errors.js';
import { DASHBOARD_ROOT } from '../../server/dashboard.js';
import { startServer } from '../../server/start-server.js';
import { LOG_LEVELS, type LogLevel } from '../../server/log-level.js';
import { globalOptions } from '../context.js';
import { removeServerFile, writeServerFile, type ServerLine } from '../server-file.js';

function port(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65_535) {
    throw new ClvError('usage', `--port must be a port number, not "${value}"`);
  }
  return number;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the HTTP API (and the dashboard) until stopped; see /api/v1/openapi.json; with ' +
        '--json, once listening, one line {"event":"listening","url":…} on stdout',
    )
    .option('--port <port>', 'port to listen on', '8080')
    .option(
      '--host <address>',
      'address to listen on; other than loopback needs an API key',
      '127.0.0.1',
    )
    .addOption(
      new Option(
        '--log-level <level>',
        'info: start, refreshes, slow requests and errors; debug: every request too',
      )
        .choices(LOG_LEVELS)
        .default('info'),
    )
    .option(
      '--no-warm-up',
      'start cold: do not compute, behind the start, the answers read last before the previous ' +
        "stop (or, for a server that never served, those of the dashboard's first visit)",
    )
    .action(
      async (
        options: { port: string; host: string; logLevel: LogLevel; warmUp: boolean },
        command: Command,
      ) => {
        const { project: dir, json } = globalOptions(command);
        const project = await openProject(dir);
        const server = await startServer(project, {
          port: port(options.port),
          host: options.host,
          logger: options.logLevel,
          warmUp: options.warmUp,
        });
        const hasDashboard = existsSync(join(DASHBOARD_ROOT, 'index.html'));
        const started: ServerLine = {
          event: 'listening',
          url: server.url,
          api: `${server.url}/api/v1`,
          dashboard: hasDashboard ? `${server.url}/` : null,
          open: server.open,
          pid: process.pid,
        };
        // Other clv commands on this project find the server here and send their work to it.
        await writeServerFile(project.dir, started);
        if (json) {
          // One line a program can parse; the log (also on stdout) has no `event` field.
          process.stdout.write(`${JSON.stringify(started)}\n`);
        } else {
          const dashboard = hasDashboard
            ? `the dashboard at ${server.url}/`
            : 'no dashboard (run npm run build)';
          process.stderr.write(
            `clv serve: listening on ${server.url}: ${dashboard}, the API at ${server.url}/api/v1\n`,
          );
        }
        if (server.open) {
          process.stderr.write(
            'clv serve: no API key exists, so the API is open to anyone who can reach this loopback address; create one with clv key create or POST /api/v1/keys\n',
          );
        }
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void server
              .close()
              .then(() => removeServerFile(project.dir))
              .then(resolve, resolve);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      },
    );
}
