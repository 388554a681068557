import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyInfo, CreatedKey } from '../../src/keys/api-keys.js';
import { runClv } from '../helpers/run-cli.js';

describe('clv key', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clv-key-cli-'));
    expect((await runClv(['init', dir])).code).toBe(0);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates, lists and revokes keys, as text and as JSON', async () => {
    const empty = await runClv(['key', 'list', '--project', dir]);
    expect(empty.stdout).toBe('no API keys yet: clv key create --role ingest|read|admin\n');

    const text = await runClv([
      'key',
      'create',
      '--role',
      'ingest',
      '--name',
      'shop',
      '--project',
      dir,
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^clv_[0-9a-f]{12}_[A-Za-z0-9_-]{43}\n$/);
    const textId = text.stdout.slice(4, 16);
    expect(text.stderr).toBe(
      `created ingest key ${textId} (shop): store it now, it cannot be shown again\n`,
    );

    const json = await runClv(['key', 'create', '--role', 'read', '--project', dir, '--json']);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    const created = JSON.parse(json.stdout) as CreatedKey;
    expect(Object.keys(created)).toEqual(['key', 'keyId', 'role', 'name', 'createdAt']);
    expect(created).toMatchObject({ role: 'read', name: null });
    expect(created.key.startsWith(`clv_${created.keyId}_`)).toBe(true);

    const revoked = await runClv(['key', 'revoke', textId, '--project', dir]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`^revoked key ${textId} \\(at \\d{4}-.+Z\\)\\n$`));

    const list = await runClv(['key', 'list', '--project', dir, '--json']);
    const keys = JSON.parse(list.stdout) as ApiKeyInfo[];
    expect(keys.map((k) => [k.keyId, k.role, k.name, k.revokedAt === null])).toEqual([
      [textId, 'ingest', 'shop', false],
      [created.keyId, 'read', null, true],
    ]);
    expect(list.stdout).not.toContain(created.key.slice(17));

    const table = await runClv(['key', 'list', '--project', dir]);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+role\s+name\s+created\s+revoked$/);
    expect(lines[1]).toMatch(new RegExp(`^${textId}\\s+ingest\\s+shop\\s+\\S+Z\\s+\\S+Z$`));
    expect(lines[2]).toMatch(new RegExp(`^${created.keyId}\\s+read\\s+-\\s+\\S+Z\\s+-$`));
  });

  it('refuses a bad role or an unknown id with exit code 2', async () => {
    const role = await runClv(['key', 'create', '--role', 'owner', '--project', dir]);
    expect(role.code).toBe(2);
    expect(role.stdout).toBe('');
    expect(role.stderr).toBe('clv: role must be ingest, read or admin, not "owner"\n');

    const missing = await runClv(['key', 'revoke', 'abcdefabcdef', '--project', dir, '--json']);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toEqual({
      error: { code: 'not_found', message: 'no API key with id abcdefabcdef' },
    });
  });
});
