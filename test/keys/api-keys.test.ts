import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createKey,
  hasActiveKeys,
  KeyVerifier,
  listKeys,
  revokeKey,
  type CreatedKey,
} from '../../src/keys/api-keys.js';

import { ClvError } from '../../src/shared/errors.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function secretOf(created: CreatedKey): string {
  return created.key.slice(`clv_${created.keyId}_`.length);
}

/** Flips one character of the secret, keeping the key well formed. */
function withWrongSecret(key: string): string {
  const last = key.at(-1) === 'A' ? 'B' : 'A';
  return `${key.slice(0, -1)}${last}`;
}

async function rejection(promise: Promise<unknown>): Promise<ClvError> {
  const error: unknown = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ClvError);
  return error as ClvError;
}

describe('API keys', () => {
  let p: TempProject;
  beforeEach(async () => {
    p = await tempProject();
  });
  afterEach(() => p.cleanup());

  it('creates a key that verifies with its role', async () => {
    expect(await hasActiveKeys(p.warehouse)).toBe(false);
    const created = await createKey(p.warehouse, { role: 'ingest', name: ' shop webhook ' });
    expect(created.key).toMatch(/^clv_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ role: 'ingest', name: 'shop webhook' });
    expect(created.createdAt).toMatch(ISO);
    expect(await hasActiveKeys(p.warehouse)).toBe(true);

    const verifier = await KeyVerifier.load(p.warehouse);
    expect(verifier.active).toBe(1);
    expect(await verifier.verify(created.key)).toEqual({
      keyId: created.keyId,
      role: 'ingest',
      name: 'shop webhook',
    });
    // The second time comes from the cache and must say the same.
    expect(await verifier.verify(created.key)).toEqual({
      keyId: created.keyId,
      role: 'ingest',
      name: 'shop webhook',
    });
  });

  it('refuses wrong secrets, malformed keys and unknown ids', async () => {
    const created = await createKey(p.warehouse, { role: 'read' });
    const verifier = await KeyVerifier.load(p.warehouse);
    const otherId = created.keyId === '000000000000' ? '111111111111' : '000000000000';
    const presented = [
      withWrongSecret(created.key),
      created.key.replace(created.keyId, otherId),
      created.key.slice(0, -1),
      `${created.key}x`,
      created.key.replace('clv_', 'clx_'),
      secretOf(created),
      created.keyId,
      '',
    ];
    for (const key of presented) expect(await verifier.verify(key)).toBeNull();
    // Failures are not cached in a way that hurts the real key.
    // An unnamed key is known by its id where a name is recorded (audience owners).
    expect(await verifier.verify(created.key)).toEqual({
      keyId: created.keyId,
      role: 'read',
      name: created.keyId,
    });
  });

  it('stores only a hash and salt: the secret appears in no column', async () => {
    const created = await createKey(p.warehouse, { role: 'admin', name: 'ops' });
    const [row] = await p.warehouse.query<{
      salt: string;
      hash: string;
      hits: number;
      cells: number;
    }>(
      `SELECT salt, hash,
              (SELECT count(*) FROM api_keys AS k
               WHERE contains(CAST(k AS VARCHAR), $secret)) AS hits,
              (SELECT count(*) FROM api_keys AS k
               WHERE contains(CAST(k AS VARCHAR), $name)) AS cells
       FROM api_keys`,
      { secret: secretOf(created), name: 'ops' },
    );
    expect(row?.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.hits).toBe(0);
    // The same search does find what is stored, so a zero above means something.
    expect(row?.cells).toBe(1);
  });

  it('lists keys without hashes or salts, and revokes idempotently', async () => {
    const first = await createKey(p.warehouse, { role: 'ingest', name: 'first' });
    const second = await createKey(p.warehouse, { role: 'read' });
    const revoked = await revokeKey(p.warehouse, first.keyId);
    expect(revoked.revokedAt).toMatch(ISO);
    expect(await revokeKey(p.warehouse, first.keyId)).toEqual(revoked);

    const keys = await listKeys(p.warehouse);
    expect(keys).toEqual(
      expect.arrayContaining([
        {
          keyId: first.keyId,
          name: 'first',
          role: 'ingest',
          createdAt: first.createdAt,
          revokedAt: revoked.revokedAt,
        },
        {
          keyId: second.keyId,
          name: null,
          role: 'read',
          createdAt: second.createdAt,
          revokedAt: null,
        },
      ]),
    );
    expect(keys).toHaveLength(2);
    const [row] = await p.warehouse.query<{ salt: string; hash: string }>(
      `SELECT salt, hash FROM api_keys WHERE key_id = $keyId`,
      { keyId: first.keyId },
    );
    const text = JSON.stringify(keys);
    expect(text).not.toContain(row?.salt);
    expect(text).not.toContain(row?.hash);

    await revokeKey(p.warehouse, second.keyId);
    expect(await hasActiveKeys(p.warehouse)).toBe(false);
  });

  it('says not_found for unknown ids without echoing a pasted key', async () => {
    expect((await rejection(revokeKey(p.warehouse, 'abcdefabcdef'))).code).toBe('not_found');
    const created = await createKey(p.warehouse, { role: 'read' });
    const error = await rejection(revokeKey(p.warehouse, created.key));
    expect(error.code).toBe('not_found');
    expect(error.message).not.toContain(secretOf(created));
  });

  it('refuses bad roles and names with usage errors', async () => {
    const role = await rejection(createKey(p.warehouse, { role: 'owner' }));
    expect(role.code).toBe('usage');
    expect(role.message).toBe('role must be ingest, read or admin, not "owner"');
    const name = await rejection(createKey(p.warehouse, { role: 'read', name: 'x'.repeat(101) }));
    expect(name.code).toBe('usage');
    await createKey(p.warehouse, { role: 'read', name: 'x'.repeat(100) });
    expect(await listKeys(p.warehouse)).toHaveLength(1);
  });

  it('stops verifying a revoked key after reload, cached or not', async () => {
    const kept = await createKey(p.warehouse, { role: 'read' });
    const gone = await createKey(p.warehouse, { role: 'admin' });
    const verifier = await KeyVerifier.load(p.warehouse);
    expect(verifier.active).toBe(2);
    expect(await verifier.verify(gone.key)).not.toBeNull();
    expect(await verifier.verify(kept.key)).not.toBeNull();

    await revokeKey(p.warehouse, gone.keyId);
    await verifier.reload(p.warehouse);
    expect(verifier.active).toBe(1);
    expect(await verifier.verify(gone.key)).toBeNull();
    expect(await verifier.verify(kept.key)).toEqual({
      keyId: kept.keyId,
      role: 'read',
      name: kept.keyId,
    });

    // A fresh verifier never saw the key and refuses it too.
    expect(await (await KeyVerifier.load(p.warehouse)).verify(gone.key)).toBeNull();
  });

  it('refuses a key revoked while its verification was running', async (context) => {
    const created = await createKey(p.warehouse, { role: 'read' });
    const verifier = await KeyVerifier.load(p.warehouse);
    let settled = false;
    const pending = verifier.verify(created.key).finally(() => (settled = true));
    await revokeKey(p.warehouse, created.keyId);
    await verifier.reload(p.warehouse);
    // scrypt takes tens of ms, the revoke a few; on a very busy machine it can lose that race.
    if (settled) context.skip('the verification ended before the reload');
    expect(await pending).toBeNull();
    expect(await verifier.verify(created.key)).toBeNull();
  });
});
