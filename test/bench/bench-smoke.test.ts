import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BENCHMARKS = [
  'import',
  'refresh',
  'predict',
  'audience',
  'campaign',
  'incremental',
  'query',
  'serve',
  'pages',
  'web',
  'scale',
];
/**
 * A bound on the whole smoke run: about 100 s alone on a 2-core machine, 215-285 s beside the
 * other tests; the bound is for a run that hangs, not a slow one.
 */
const LIMIT_MS = 9 * 60_000;

interface Ran {
  code: number | null;
  output: string;
}

/** `npm run bench -- --smoke`, writing into `dir`, killed when it overruns. */
function runBench(dir: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', 'bench/run.ts', '--smoke'];
    args.push('--results', join(dir, 'results'), '--cache', join(dir, 'cache'));
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-64_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The committed results in bench/results/, as one text to compare. */
async function keptResults(): Promise<string> {
  const dir = join(ROOT, 'bench', 'results');
  const names = (await readdir(dir).catch(() => [])).sort();
  const texts = await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')));
  return names.map((name, i) => `${name}\n${texts[i]}`).join('\n');
}

// Every benchmark once at a tiny size: one that no longer runs fails here, not on the next
// person to measure. No figure is asserted (timings belong to `npm run bench`).
describe('npm run bench -- --smoke', () => {
  let dir = '';
  let ran: Ran = { code: null, output: '' };
  let keptBefore = '';

  beforeAll(async () => {
    keptBefore = await keptResults();
    dir = await mkdtemp(join(tmpdir(), 'clv-bench-smoke-'));
    ran = await runBench(dir);
  }, LIMIT_MS + 30_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  });

  it('completes every benchmark', () => {
    expect(ran.code, ran.output).toBe(0);
    for (const name of BENCHMARKS) expect(ran.output).toContain(`== ${name}: `);
  });

  it('writes each one its results, in the folder it was given', async () => {
    const files = await readdir(join(dir, 'results'));
    expect(files.sort()).toEqual(BENCHMARKS.map((name) => `${name}.json`).sort());
    for (const name of BENCHMARKS) {
      const results = JSON.parse(await readFile(join(dir, 'results', `${name}.json`), 'utf8')) as {
        benchmark?: unknown;
      };
      expect(results.benchmark).toBe(name);
    }
    // The measured figures in bench/results/ are not overwritten by a smoke run's.
    expect(await keptResults()).toBe(keptBefore);
  });
});
