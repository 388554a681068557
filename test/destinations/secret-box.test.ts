import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectKey, seal, secretKeyFile, unseal } from '../../src/destinations/secret-box.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clv-secret-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the secret box', () => {
  it('creates the key file once, mode 0600, and reads the same key after', async () => {
    const key = await projectKey(dir);
    expect(key).toHaveLength(32);
    expect((await stat(secretKeyFile(dir))).mode & 0o777).toBe(0o600);
    expect((await projectKey(dir)).equals(key)).toBe(true);
    expect((await readFile(secretKeyFile(dir), 'utf8')).trim()).toBe(key.toString('hex'));
  });

  it('seals with AES-256-GCM: a fresh IV each time, opened only with the same key and context', async () => {
    const key = await projectKey(dir);
    const a = seal(key, 'hunter2', 'dst_0000000001');
    const b = seal(key, 'hunter2', 'dst_0000000001');
    expect(a).not.toBe(b);
    expect(a).not.toContain('hunter2');
    expect(Buffer.from(a.slice(3), 'base64').includes(Buffer.from('hunter2'))).toBe(false);
    expect(unseal(key, a, 'dst_0000000001')).toBe('hunter2');
    expect(() => unseal(key, a, 'dst_0000000002')).toThrow('does not open with .clv/secret.key');
    const other = Buffer.alloc(32, 7);
    expect(() => unseal(other, a, 'dst_0000000001')).toThrow('does not open');
    const tampered = `${a.slice(0, -4)}AAAA`;
    expect(() => unseal(key, tampered, 'dst_0000000001')).toThrow('does not open');
  });

  it('refuses a key file it did not write', async () => {
    const other = await mkdtemp(join(tmpdir(), 'clv-secret-bad-'));
    try {
      await projectKey(other);
      await writeFile(secretKeyFile(other), 'not a key\n');
      await expect(projectKey(other)).rejects.toThrow('is not a key this version wrote');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
