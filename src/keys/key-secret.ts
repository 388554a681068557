import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
) => Promise<Buffer>;

const HASH_BYTES = 32;
const SALT_BYTES = 16;
const ID_BYTES = 6;
const SECRET_BYTES = 32;

// base64url of 32 bytes is 43 characters and may itself contain `_`, so the id part is parsed
// by its fixed length rather than by splitting on `_`.
const KEY_PATTERN = /^clv_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const KEY_ID_PATTERN = /^[0-9a-f]{12}$/;

/** A freshly drawn key: the id and secret apart, and the full text handed to the user once. */
export interface NewKey {
  keyId: string;
  secret: string;
  key: string;
}

/** What is stored of a secret: a scrypt hash and its salt, both hex. */
export interface SecretHash {
  salt: string;
  hash: string;
}

/** Draws a new key `clv_<keyId>_<secret>`. */
export function newKey(): NewKey {
  const keyId = randomBytes(ID_BYTES).toString('hex');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { keyId, secret, key: `clv_${keyId}_${secret}` };
}

/** Splits a presented key into id and secret, or null when it is not shaped like one. */
export function parseKey(presented: string): { keyId: string; secret: string } | null {
  const match = KEY_PATTERN.exec(presented);
  if (!match?.[1] || !match[2]) return null;
  return { keyId: match[1], secret: match[2] };
}

/** Whether text has the shape of a key id (12 hex characters). */
export function isKeyId(text: string): boolean {
  return KEY_ID_PATTERN.test(text);
}

/** Hashes a secret with a new random salt. */
export async function hashSecret(secret: string): Promise<SecretHash> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scryptAsync(secret, salt, HASH_BYTES);
  return { salt: salt.toString('hex'), hash: hash.toString('hex') };
}

/** Whether `secret` hashes to `stored`, compared in constant time. */
export async function secretMatches(secret: string, stored: SecretHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = await scryptAsync(secret, Buffer.from(stored.salt, 'hex'), HASH_BYTES);
  // A damaged row could hold a hash of another length; timingSafeEqual would throw on it.
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A salt and hash that no secret is known to match, to spend the same time on unknown ids. */
export function decoyHash(): SecretHash {
  return {
    salt: randomBytes(SALT_BYTES).toString('hex'),
    hash: randomBytes(HASH_BYTES).toString('hex'),
  };
}
