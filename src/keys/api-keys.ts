import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { hashSecret, isKeyId, newKey } from './key-secret.js';
import { isRole, type Role } from './roles.js';

// The server and CLI know keys through this module alone.
export { KeyVerifier, type VerifiedKey } from './key-verifier.js';
export { ROLES, isRole, type Role } from './roles.js';

const NAME_MAX = 100;
const ISO = `'%Y-%m-%dT%H:%M:%S.%gZ'`;
const NOW = `current_timestamp AT TIME ZONE 'UTC'`;

/** A stored key as it may be shown: never its hash, salt or secret. */
export interface ApiKeyInfo {
  keyId: string;
  name: string | null;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

/** A new key with its full text, which exists only in this value and is never stored. */
export interface CreatedKey {
  key: string;
  keyId: string;
  role: Role;
  name: string | null;
  createdAt: string;
}

function checkRole(role: string): Role {
  if (isRole(role)) return role;
  // Echo only short words: whatever was pasted here must not end up in a log if it was a key.
  const shown = /^[\w-]{1,20}$/.test(role) ? `, not "${role}"` : '';
  throw new ClvError('usage', `role must be ingest, read or admin${shown}`);
}

function checkName(name: string | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') return null;
  if (trimmed.length > NAME_MAX) {
    throw new ClvError('usage', `a key's name must be at most ${NAME_MAX} characters`);
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new ClvError('usage', `a key's name must not contain control characters`);
  }
  return trimmed;
}

/** Creates a key with a role and stores only its hash; the returned `key` is shown once. */
export async function createKey(
  warehouse: Warehouse,
  options: { role: string; name?: string },
): Promise<CreatedKey> {
  const role = checkRole(options.role);
  const name = checkName(options.name);
  const { key, keyId, secret } = newKey();
  const { salt, hash } = await hashSecret(secret);
  const [row] = await warehouse.query<{ created_at: string }>(
    `INSERT INTO api_keys (key_id, name, role, salt, hash, created_at)
     VALUES ($keyId, $name, $role, $salt, $hash, ${NOW})
     RETURNING strftime(created_at, ${ISO}) AS created_at`,
    { keyId, name, role, salt, hash },
  );
  return { key, keyId, role, name, createdAt: row?.created_at ?? '' };
}

/** Every key, oldest first, without hashes or salts. */
export async function listKeys(warehouse: Warehouse): Promise<ApiKeyInfo[]> {
  const rows = await warehouse.query<{
    key_id: string;
    name: string | null;
    role: Role;
    created_at: string;
    revoked_at: string | null;
  }>(
    `SELECT key_id, name, role, strftime(created_at, ${ISO}) AS created_at,
            strftime(revoked_at, ${ISO}) AS revoked_at
     FROM api_keys ORDER BY created_at, key_id`,
  );
  return rows.map((row) => ({
    keyId: row.key_id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  }));
}

/** Revokes a key; revoking it again keeps the first time. Returns when it was revoked. */
export async function revokeKey(
  warehouse: Warehouse,
  keyId: string,
): Promise<{ keyId: string; revokedAt: string }> {
  // Not echoed unless it is a plain id: a full key passed here by mistake must not be printed.
  if (!isKeyId(keyId)) {
    throw new ClvError(
      'not_found',
      'no such API key: an id is 12 hex characters, see clv key list',
    );
  }
  const [row] = await warehouse.query<{ revoked_at: string }>(
    `UPDATE api_keys SET revoked_at = coalesce(revoked_at, ${NOW})
     WHERE key_id = $keyId
     RETURNING strftime(revoked_at, ${ISO}) AS revoked_at`,
    { keyId },
  );
  if (!row) throw new ClvError('not_found', `no API key with id ${keyId}`);
  return { keyId, revokedAt: row.revoked_at };
}

/** Whether any key is not revoked (without one, the server has nobody to let in). */
export async function hasActiveKeys(warehouse: Warehouse): Promise<boolean> {
  const [row] = await warehouse.query<{ active: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM api_keys WHERE revoked_at IS NULL) AS active`,
  );
  return row?.active ?? false;
}
