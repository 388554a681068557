import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WRONG_KEYS_PER_MINUTE, WrongKeyLimiter } from '../../src/server/wrong-key-limiter.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

/** A key of the right shape whose id no key has. */
function unknownKey(i: number): string {
  return `clv_${i.toString(16).padStart(12, 'f')}_${'A'.repeat(43)}`;
}

/** The key with its last characters changed: its id, a wrong secret. */
function wrongSecret(key: string, i: number): string {
  return `${key.slice(0, -4)}${i.toString(36).padStart(4, 'Z')}`;
}

describe('the wrong-key limiter over HTTP', () => {
  let project: TempProject;
  let api: TestServer;
  beforeEach(async () => {
    project = await tempProject({
      refresh: { cron: null },
      server: { rateLimitPerMinute: 10_000 },
    });
    api = await testServer(project);
  });
  afterEach(async () => {
    await api.close();
    await project.cleanup();
  });

  const status = async (key: string): Promise<number> =>
    (await api.request('/api/v1/status', { key })).status;

  it('after the limit of wrong keys from an address, still lets right keys from it in', async () => {
    // The read key verified once before the flood; the admin key never did.
    expect(await status(api.keys.read)).toBe(200);
    const wrong: number[] = [];
    for (let i = 0; i < WRONG_KEYS_PER_MINUTE; i++) wrong.push(await status(unknownKey(i)));
    expect(new Set(wrong)).toEqual(new Set([401]));
    // The address is over its limit: wrong keys now get 429 without being checked.
    const limited = await api.request('/api/v1/status', { key: unknownKey(999) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(await status('not-even-key-shaped')).toBe(429);
    // Right keys from the same address: one known since before, one checked for the first time.
    expect(await status(api.keys.read)).toBe(200);
    expect(await status(api.keys.admin)).toBe(200);
    expect((await api.request('/api/v1/keys', { key: api.keys.admin })).status).toBe(200);
    expect(await status(api.keys.ingest)).toBe(403);
  });

  it('counts wrong secrets per key id too: a guesser stops, the key that verified before does not', async () => {
    expect(await status(api.keys.admin)).toBe(200);
    for (let i = 0; i < WRONG_KEYS_PER_MINUTE; i++) {
      expect(await status(wrongSecret(api.keys.admin, i))).toBe(401);
    }
    // Address and key id are both over: the next guess of that id is not even checked.
    expect(await status(wrongSecret(api.keys.admin, 1000))).toBe(429);
    expect(await status(api.keys.admin)).toBe(200);
    // A key id not guessed at is checked still, from the same address.
    expect(await status(api.keys.read)).toBe(200);
    expect(await status(wrongSecret(api.keys.read, 1))).toBe(401);
  });
});

describe('the wrong-key limiter', () => {
  it('waits for the address once it is over, unless the claimed key id is under its own limit', () => {
    const limiter = new WrongKeyLimiter();
    const now = 1_000_000;
    for (let i = 0; i < WRONG_KEYS_PER_MINUTE - 1; i++) limiter.noteFailure('a', null, now);
    expect(limiter.waitBeforeCheck('a', null, now)).toBe(0);
    limiter.noteFailure('a', 'k1', now);
    expect(limiter.waitBeforeCheck('a', null, now + 10_000)).toBe(50_000);
    // k1 has one failure, k2 none: both may still be checked from the busy address.
    expect(limiter.waitBeforeCheck('a', 'k1', now + 10_000)).toBe(0);
    expect(limiter.waitBeforeCheck('a', 'k2', now + 10_000)).toBe(0);
    // Another address is not held up by this one.
    expect(limiter.waitBeforeCheck('b', null, now + 10_000)).toBe(0);
    for (let i = 1; i < WRONG_KEYS_PER_MINUTE; i++) limiter.noteFailure('b', 'k1', now + 20_000);
    // k1 is over now (60 failures from a and b): from busy a it waits for the sooner window.
    expect(limiter.waitBeforeCheck('a', 'k1', now + 30_000)).toBe(30_000);
    // b is under its own limit (59), so k1 is checked from there.
    expect(limiter.waitBeforeCheck('b', 'k1', now + 30_000)).toBe(0);
    // A minute after the first failure, a starts over.
    expect(limiter.waitBeforeCheck('a', null, now + 60_000)).toBe(0);
  });
});
