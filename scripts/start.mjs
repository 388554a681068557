// `npm start`: build when needed, create the demo project on first run, refresh it, serve the
// dashboard and the API, and print the address to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const dashboard = join(root, 'dist', 'web', 'index.html');
const demo = join(root, 'demo');
const port = process.env.PORT ?? '8080';
// Six months before the demo shop's last order: the predictions page shows this check.
const HOLDOUT_FROM = '2026-05-01';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(cli) || !existsSync(dashboard)) run('npm', ['run', 'build']);
const firstRun = !existsSync(join(demo, 'clv.duckdb'));
// The demo is deterministic and imports are idempotent: a second run adds nothing.
run(process.execPath, [cli, 'demo', '--project', demo]);
run(process.execPath, [cli, 'refresh', '--project', demo]);
if (firstRun)
  run(process.execPath, [cli, 'predict', '--project', demo, '--holdout-from', HOLDOUT_FROM]);

console.log(
  `\nThe dashboard: http://127.0.0.1:${port}/   the API: http://127.0.0.1:${port}/api/v1`,
);
console.log('Ctrl-C stops the server. While it runs it holds the demo store: other clv commands');
console.log('on ./demo wait for it to stop; the API does the same work meanwhile.\n');
const server = spawn(
  process.execPath,
  [cli, 'serve', '--project', demo, '--port', port, '--host', '127.0.0.1'],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
