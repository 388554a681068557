// `npm start`: build when needed, create the demo project, refresh it, show its metrics.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(cli)) run('npm', ['run', 'build']);
const demo = join(root, 'demo');
run(process.execPath, [cli, 'demo', '--project', demo]);
console.log('');
run(process.execPath, [cli, 'refresh', '--project', demo]);
console.log('');
run(process.execPath, [cli, 'metrics', '--project', demo]);
console.log(`\nThe demo project is in ${demo}: try`);
console.log('  node dist/cli/main.js --project demo metrics --segment email');
console.log('  node dist/cli/main.js --project demo metrics deciles --by predicted');
console.log('  node dist/cli/main.js --project demo predict --holdout-from 2026-05-01');
console.log(
  '  node dist/cli/main.js --project demo serve   (then open http://127.0.0.1:8080/api/v1/status)',
);
console.log('  node dist/cli/main.js --project demo import <file> --kind events');
