import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ClvError } from '../shared/errors.js';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/** The project's key file: secrets in the store are sealed with it and useless without it. */
export function secretKeyFile(projectDir: string): string {
  return join(projectDir, '.clv', 'secret.key');
}

/** Reads the project's key, creating the file (mode 0600) on first use. */
export async function projectKey(projectDir: string): Promise<Buffer> {
  const file = secretKeyFile(projectDir);
  try {
    return parseKey(await readFile(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(file), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  try {
    // `wx`: two processes creating it at once keep the first one's key.
    await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parseKey(await readFile(file, 'utf8'), file);
  }
}

function parseKey(text: string, file: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new ClvError('config', `${file} is not a key this version wrote (64 hex characters)`);
  }
  return Buffer.from(hex, 'hex');
}

/**
 * Seals a secret with AES-256-GCM. `context` (the destination's id) is authenticated with it,
 * so a sealed value copied onto another row does not open.
 */
export function seal(key: Buffer, secret: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** Opens what `seal` made; a wrong key, context or a damaged value is an error. */
export function unseal(key: Buffer, sealed: string, context: string): string {
  const [version, payload] = sealed.split(':');
  if (version !== VERSION || payload === undefined) {
    throw new ClvError('config', 'a stored secret is not in a format this version reads');
  }
  const bytes = Buffer.from(payload, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch (error) {
    throw new ClvError(
      'config',
      'a destination secret does not open with .clv/secret.key: was the key file replaced? Add the destination again',
      { cause: error },
    );
  }
}
