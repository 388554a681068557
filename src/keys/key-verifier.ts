import { createHash } from 'node:crypto';
import type { Warehouse } from '../store/warehouse.js';
import { decoyHash, parseKey, secretMatches, type SecretHash } from './key-secret.js';
import { isRole, type Role } from './roles.js';

/** Who a verified key belongs to. */
export interface VerifiedKey {
  keyId: string;
  role: Role;
  /** The key's name, or its id when it has none: who made a change, in audit fields. */
  name: string;
}

interface ActiveKey extends SecretHash {
  keyId: string;
  role: Role;
  name: string;
}

const CACHE_LIMIT = 1000;

// Hashes are read here and nowhere else, so no other code path can hand them out.
async function activeKeys(warehouse: Warehouse): Promise<ActiveKey[]> {
  const rows = await warehouse.query<{
    key_id: string;
    name: string | null;
    role: string;
    salt: string;
    hash: string;
  }>(`SELECT key_id, name, role, salt, hash FROM api_keys WHERE revoked_at IS NULL`);
  // A role edited into the table by hand grants nothing rather than something unforeseen.
  return rows.flatMap((row) =>
    isRole(row.role)
      ? [
          {
            keyId: row.key_id,
            role: row.role,
            name: row.name ?? row.key_id,
            salt: row.salt,
            hash: row.hash,
          },
        ]
      : [],
  );
}

/**
 * Checks presented keys against the active keys held in memory. scrypt is slow on purpose
 * (tens of ms), so keys that verified are remembered by a SHA-256 of their text, never the
 * text itself; `reload` forgets the ones that were revoked.
 */
export class KeyVerifier {
  #keys = new Map<string, ActiveKey>();
  readonly #verified = new Map<string, VerifiedKey>();
  readonly #decoy = decoyHash();

  private constructor() {}

  /** A verifier holding the store's active keys. */
  static async load(warehouse: Warehouse): Promise<KeyVerifier> {
    const verifier = new KeyVerifier();
    await verifier.reload(warehouse);
    return verifier;
  }

  /** How many keys can verify. */
  get active(): number {
    return this.#keys.size;
  }

  /** Re-reads the keys (after one was created or revoked); revoked keys fail from now on. */
  async reload(warehouse: Warehouse): Promise<void> {
    const keys = new Map((await activeKeys(warehouse)).map((key) => [key.keyId, key]));
    this.#keys = keys;
    for (const [digest, entry] of this.#verified) {
      if (!keys.has(entry.keyId)) this.#verified.delete(digest);
    }
  }

  /** The id of the active key that `presentedKey` claims to be; null when it names none. */
  claimedId(presentedKey: string): string | null {
    const parsed = parseKey(presentedKey);
    return parsed && this.#keys.has(parsed.keyId) ? parsed.keyId : null;
  }

  /** The key's id and role when it verified before and is still active, without hashing. */
  remembered(presentedKey: string): VerifiedKey | null {
    const digest = createHash('sha256').update(presentedKey).digest('hex');
    const cached = this.#verified.get(digest);
    if (!cached || !this.#keys.has(cached.keyId)) return null;
    // Re-inserting moves the entry to the end, so the oldest-used entry is evicted first.
    this.#verified.delete(digest);
    this.#verified.set(digest, cached);
    return cached;
  }

  /** The key's id and role, or null when it is malformed, unknown, revoked or wrong. */
  async verify(presentedKey: string): Promise<VerifiedKey | null> {
    const parsed = parseKey(presentedKey);
    if (!parsed) return null;
    const cached = this.remembered(presentedKey);
    if (cached) return cached;
    const digest = createHash('sha256').update(presentedKey).digest('hex');
    const stored = this.#keys.get(parsed.keyId);
    // Unknown ids pay for a hash too, so timing does not tell which ids exist.
    const matches = await secretMatches(parsed.secret, stored ?? this.#decoy);
    // A reload while scrypt ran may have revoked the key: it must be active still.
    if (!stored || !matches || this.#keys.get(parsed.keyId)?.hash !== stored.hash) return null;
    const verified: VerifiedKey = { keyId: stored.keyId, role: stored.role, name: stored.name };
    this.#remember(digest, verified);
    return verified;
  }

  #remember(digest: string, verified: VerifiedKey): void {
    this.#verified.set(digest, verified);
    if (this.#verified.size > CACHE_LIMIT) {
      const oldest = this.#verified.keys().next();
      if (!oldest.done) this.#verified.delete(oldest.value);
    }
  }
}
