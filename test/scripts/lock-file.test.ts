import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

interface Checked {
  code: number;
  output: string;
}

/**
 * `npm ci` as CI runs it, but only its check of the lock file against package.json: a dry run,
 * offline, without scripts, with an empty cache of its own (about a second).
 */
function ciDryRun(dir: string): Promise<Checked> {
  const args = ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund', '--offline'];
  return new Promise((resolve) => {
    execFile(
      'npm',
      args,
      { cwd: dir, env: { ...process.env, npm_config_cache: join(dir, 'cache') }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

// CI starts with `npm ci`, which refuses a lock file out of step with package.json. `npm install`
// once wrote one without the optional platform packages of chdb that the registry lacks, ran
// fine here, and CI failed in two seconds: this finds that before a push does.
describe('package-lock.json', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clv-lock-'));
    await copyFile(join(ROOT, 'package.json'), join(dir, 'package.json'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is in step with package.json, as npm ci checks it', async () => {
    await copyFile(join(ROOT, 'package-lock.json'), join(dir, 'package-lock.json'));
    const checked = await ciDryRun(dir);
    expect(checked.code, checked.output).toBe(0);
  });

  it('would be refused with one optional platform package left out', async () => {
    const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    const missing = 'node_modules/@chdb/lib-darwin-arm64';
    expect(lock.packages[missing]).toBeDefined();
    const packages = Object.entries(lock.packages).filter(([path]) => path !== missing);
    const broken = { ...lock, packages: Object.fromEntries(packages) };
    await writeFile(join(dir, 'package-lock.json'), JSON.stringify(broken, null, 2));
    const checked = await ciDryRun(dir);
    expect(checked.code).not.toBe(0);
    expect(checked.output).toContain('Missing: @chdb/lib-darwin-arm64');
  });
});
