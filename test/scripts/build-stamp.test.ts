import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIsCurrent, inputsHash } from '../../scripts/build-stamp.mjs';

const OUTPUTS = [
  'dist/bin/clv.js',
  'dist/bin/query-worker.js',
  'dist/web/index.html',
  'web/src/api/generated/api-schema.ts',
];

async function put(root: string, file: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, file)), { recursive: true });
  await writeFile(join(root, file), text, 'utf8');
}

describe('the build stamp that lets npm test skip a build of the same sources', () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'clv-stamp-'));
    await put(root, 'package.json', '{"name":"x"}');
    await put(root, 'src/a.ts', 'export const a = 1;\n');
    await put(root, 'web/src/b.tsx', 'export const b = 2;\n');
    await put(root, 'scripts/c.mjs', '');
    for (const file of OUTPUTS) await put(root, file, 'built');
    await writeFile(join(root, 'dist', '.build-stamp'), `${inputsHash(root)}\n`, 'utf8');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('is current for the sources it was written for', () => {
    expect(buildIsCurrent(root)).toBe(true);
  });

  it('is not once a source changes, appears or is renamed', async () => {
    await put(root, 'src/a.ts', 'export const a = 2;\n');
    expect(buildIsCurrent(root)).toBe(false);
    await put(root, 'src/a.ts', 'export const a = 1;\n');
    expect(buildIsCurrent(root)).toBe(true);
    await put(root, 'web/src/new.ts', '');
    expect(buildIsCurrent(root)).toBe(false);
    await rm(join(root, 'web/src/new.ts'));
    await rm(join(root, 'src/a.ts'));
    await put(root, 'src/z.ts', 'export const a = 1;\n');
    expect(buildIsCurrent(root)).toBe(false);
  });

  it('ignores what the build writes itself (the API types) but needs every output', async () => {
    await put(root, 'web/src/api/generated/openapi.json', '{}');
    expect(buildIsCurrent(root)).toBe(true);
    await rm(join(root, 'dist/web/index.html'));
    expect(buildIsCurrent(root)).toBe(false);
  });

  it('is not current without a stamp (the build removes it first) or with another one', async () => {
    await writeFile(join(root, 'dist', '.build-stamp'), `${'0'.repeat(64)}\n`, 'utf8');
    expect(buildIsCurrent(root)).toBe(false);
    await rm(join(root, 'dist', '.build-stamp'));
    expect(buildIsCurrent(root)).toBe(false);
  });
});
