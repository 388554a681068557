import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { openProject } from '../../config/project.js';
import { ClvError } from '../../shared/errors.js';
import { DASHBOARD_ROOT } from '../../server/dashboard.js';
import { startServer } from '../../server/start-server.js';
import { globalOptions } from '../context.js';

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
    .action(async (options: { port: string; host: string }, command: Command) => {
      const { project: dir, json } = globalOptions(command);
      const project = await openProject(dir);
      const server = await startServer(project, {
        port: port(options.port),
        host: options.host,
        logger: true,
      });
      const hasDashboard = existsSync(join(DASHBOARD_ROOT, 'index.html'));
      if (json) {
        // One line a program can parse; the request log (also on stdout) has no `event` field.
        const started = {
          event: 'listening',
          url: server.url,
          api: `${server.url}/api/v1`,
          dashboard: hasDashboard ? `${server.url}/` : null,
          open: server.open,
        };
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
          void server.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
