// `npm start`: build when needed, create the demo project on first run, refresh it, serve the
// dashboard and the API, and print the address to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'bin', 'clv.js');
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
// Written once the first run has imported, refreshed and checked the demo: a run stopped
// before then starts over (imports are idempotent).
const prepared = join(demo, '.clv', 'npm-start-prepared');
const firstRun = !existsSync(prepared);
// A second run has nothing new to import or refresh: it says so and serves what is there.
if (firstRun) run(process.execPath, [cli, 'demo', '--project', demo]);
else
  console.log('demo: ./demo is prepared, kept as it is (delete the folder to generate it again)');
run(process.execPath, [cli, 'refresh', '--if-changed', '--project', demo]);
if (firstRun) {
  run(process.execPath, [cli, 'predict', '--project', demo, '--holdout-from', HOLDOUT_FROM]);
  writeFileSync(prepared, `${new Date().toISOString()}\n`);
}

console.log(
  `\nThe dashboard: http://127.0.0.1:${port}/   the API: http://127.0.0.1:${port}/api/v1`,
);
console.log('Ctrl-C stops the server. While it runs, other clv commands on ./demo send their');
console.log('work to it (clv metrics --project demo, say).\n');
const server = spawn(
  process.execPath,
  [cli, 'serve', '--project', demo, '--port', port, '--host', '127.0.0.1'],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
