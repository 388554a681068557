// `npm test`: Chromium present, the build (when dist/ is not current), then the checks (types,
// lint, format) and every test.
// The tests keep two cores only about four fifths busy (servers and browsers starting, files
// being collected), so the checks run beside them at the lowest priority, in the cycles the
// tests leave, rather than for a minute and a half before them. Their output is held and shown
// after the tests'; either failing fails the run.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent } from './build-stamp.mjs';

/** At the lowest priority (`nice`), so that they take only what the tests leave idle. */
const lowest = (args) => ['nice', ['-n', '19', 'npx', ...args]];
/**
 * `npm run typecheck` and `npm run lint`, but for the API types, which the build just wrote: in
 * two chains side by side, each one check at a time. One chain of all four, starved by the tests
 * at the lowest priority, ran on after them (981 s of checks beside 961 s of tests); two use the
 * idle cycles of both cores, and both cores once the tests are done. ESLint is the longest
 * (800-915 s beside the tests against 700-730 s for both type checks), so Prettier (30-50 s)
 * follows the type checks: ESLint ending after the tests was the run's last half minute.
 */
const CHAINS = [
  [lowest(['eslint', '.'])],
  [
    lowest(['tsc', '--noEmit', '-p', '.']),
    lowest(['tsc', '--noEmit', '-p', 'web']),
    lowest(['prettier', '--check', '.']),
  ],
];

function run(command, args, { capture = false, env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env,
    });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.once('error', (error) => resolve({ code: 1, output: `${output}${error.message}\n` }));
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function checks() {
  return (await Promise.all(CHAINS.map(chain))).flat();
}

async function chain(steps) {
  const results = [];
  for (const [command, args] of steps) {
    const started = Date.now();
    const result = await run(command, args, { capture: true });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    results.push({ name: args.slice(3).join(' '), seconds, ...result });
    if (result.code !== 0) break;
  }
  return results;
}

// The build `npm ci` has just run (its `prepare`) is not run again: only when the sources
// differ from those dist/ was built from (scripts/build-stamp.mjs).
const steps = [['node', ['scripts/ensure-chromium.mjs']]];
if (buildIsCurrent()) console.log('build: dist/ is current with the sources, not built again');
else steps.push(['npm', ['run', 'build']]);
for (const [command, args] of steps) {
  const { code } = await run(command, args);
  if (code !== 0) process.exit(code);
}
const checking = checks();
// Queries run in a worker process; from source each one first compiles the worker with tsx
// (0.8 s of CPU against 0.2 s for the bundle the build just made, hundreds of times a run).
const QUERY_WORKER = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'dist',
  'bin',
  'query-worker.js',
);
const tests = await run('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  env: { ...process.env, CLV_QUERY_WORKER: QUERY_WORKER },
});
const checked = await checking;
console.log('\nchecks (run beside the tests):');
for (const check of checked) {
  console.log(`${check.code === 0 ? 'ok    ' : 'FAILED'} ${check.name} (${check.seconds} s)`);
  if (check.code !== 0) console.log(check.output);
}
const failedCheck = checked.some((check) => check.code !== 0);
process.exit(tests.code !== 0 ? tests.code : failedCheck ? 1 : 0);
