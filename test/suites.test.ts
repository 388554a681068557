import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STARTED_FIRST } from './start-order.js';
import { needsBuildOrBrowser } from './suites.js';

const ROOT = join(import.meta.dirname, '..');
/** What a test file reaches the built CLI or Chromium through. */
const HEAVY =
  /helpers\/(run-cli|served-demo|browser|dashboard-session|small-shop)\.js|\/(http-support|kill-at-commit)\.js|playwright|bench\/run\.ts/;

async function testFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const dir of ['test', 'src', 'web/src']) {
    const names = await readdir(join(ROOT, dir), { recursive: true });
    for (const name of names) {
      if (name.endsWith('.test.ts')) files.push(`${dir}/${name.split('\\').join('/')}`);
    }
  }
  return files.sort();
}

describe('the unit suite (npm run test:unit)', () => {
  it('leaves out every test file that reaches the build or Chromium, and only those', async () => {
    const files = await testFiles();
    const heavy: string[] = [];
    for (const file of files) {
      // This file names them all, in its pattern.
      if (file === 'test/suites.test.ts') continue;
      if (HEAVY.test(await readFile(join(ROOT, file), 'utf8'))) heavy.push(file);
    }
    expect(heavy.length).toBeGreaterThan(20);
    expect(files.filter(needsBuildOrBrowser)).toEqual(heavy);
  });
});

describe('the files npm test starts first (test/start-order.ts)', () => {
  it('are test files, the first one serving the demo shop and the others not', async () => {
    const files = await testFiles();
    for (const file of STARTED_FIRST) expect(files).toContain(file);
    const [builder, ...others] = STARTED_FIRST;
    const servesDemo = async (file: string): Promise<boolean> =>
      /helpers\/(served-demo|dashboard-session)\.js/.test(await readFile(join(ROOT, file), 'utf8'));
    expect(await servesDemo(builder)).toBe(true);
    for (const file of others) expect(await servesDemo(file), file).toBe(false);
  });
});
