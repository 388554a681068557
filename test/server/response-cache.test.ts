import { describe, expect, it } from 'vitest';
import { RENEWED_ANSWERS, ResponseCache } from '../../src/server/response-cache.js';

describe('the response cache', () => {
  it('shares one computation per key and forgets failures', async () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000 });
    let calls = 0;
    const compute = async () => (calls += 1);
    const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    await expect(cache.get('bad', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(cache.size).toBe(1);
  });

  it('after a refresh computes again the answers asked for most recently, and only those', async () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000 });
    const calls: string[] = [];
    const compute = (key: string) => async () => {
      calls.push(key);
      return `${key}${calls.length}`;
    };
    for (const key of ['a', 'b', 'c', 'd']) await cache.get(key, compute(key));
    // Asked for again: b is now the most recent, then d, then c; a is the oldest.
    await cache.get('c', compute('c'));
    await cache.get('d', compute('d'));
    await cache.get('b', compute('b'));
    calls.length = 0;
    await cache.renew(3);
    expect(calls).toEqual(['b', 'd', 'c']);
    expect(cache.size).toBe(3);
    // The renewed answers are new computations, served without computing again.
    expect(await cache.get('b', compute('b'))).toBe('b1');
    expect(calls).toEqual(['b', 'd', 'c']);
    expect(await cache.get('a', compute('a'))).toBe('a4');
  });

  it('renews by default the answers of every page a team was reading', async () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000 });
    const keys = Array.from({ length: RENEWED_ANSWERS + 5 }, (_, i) => `answer ${i}`);
    for (const key of keys) await cache.get(key, async () => key);
    const renewing = cache.renew();
    expect(cache.renewing).toBe(true);
    await renewing;
    expect(cache.renewing).toBe(false);
    expect(cache.size).toBe(RENEWED_ANSWERS);
    const computedAgain: string[] = [];
    for (const key of keys) await cache.get(key, async () => (computedAgain.push(key), key));
    // The 5 asked for first were not renewed: they are computed when asked for again.
    expect(computedAgain).toEqual(keys.slice(0, 5));
  });

  it('forgets the answers of a tag, renewed ones too, and keeps one under way out', async () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000 });
    await cache.get('plain', async () => 1);
    await cache.get('named', async () => 2, undefined, 'audiences');
    await cache.renew();
    cache.forgetTagged('audiences');
    expect(cache.size).toBe(1);
    let finish = (): void => undefined;
    const underWay = cache.get(
      'late',
      () => new Promise<number>((resolve) => (finish = () => resolve(3))),
      undefined,
      'audiences',
    );
    cache.forgetTagged('audiences');
    finish();
    // Its caller gets it; the cache does not keep it.
    expect(await underWay).toBe(3);
    expect(cache.size).toBe(1);
    expect(await cache.get('plain', async () => 9)).toBe(1);
  });

  it('renews nothing that failed, and stops when a newer refresh clears it', async () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000 });
    let fail = false;
    await cache.get('x', async () => {
      if (fail) throw new Error('store closed');
      return 1;
    });
    fail = true;
    await cache.renew();
    expect(cache.size).toBe(0);
    fail = false;
    const computed: string[] = [];
    await cache.get('y', async () => computed.push('y'));
    await cache.get('z', async () => computed.push('z'));
    computed.length = 0;
    const renewing = cache.renew();
    cache.clear();
    await renewing;
    // z (the most recent) was under way when the cache was cleared again; y was never started,
    // and z's answer belongs to the older refresh, so it is gone.
    expect(computed).toEqual(['z']);
    expect(cache.size).toBe(0);
  });

  it('names the requests of the most recent answers, most recent first, once each', async () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000 });
    const ask = (key: string, source: string | null) =>
      cache.get(key, async () => key, undefined, null, source);
    await ask('k1', '/api/v1/a');
    await ask('k2', null);
    await ask('k3', '/api/v1/c');
    await ask('k4', '/api/v1/a');
    await ask('k1', '/api/v1/a');
    // k1 (source a) is the most recent; k2 has no request to send again; a only once.
    expect(cache.recentSources()).toEqual(['/api/v1/a', '/api/v1/c']);
    expect(cache.recentSources(1)).toEqual(['/api/v1/a']);
    await ask('k3', '/api/v1/c');
    expect(cache.recentSources()).toEqual(['/api/v1/c', '/api/v1/a']);
  });

  it('keeps the order of use through a renewal and through answers asked again and arranged', async () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000 });
    const computed: string[] = [];
    const ask = (name: string) =>
      cache.get(name, async () => computed.push(name), undefined, null, `/api/v1/${name}`);
    for (const name of ['a', 'b', 'c', 'd']) await ask(name);
    await ask('b');
    const used = ['/api/v1/b', '/api/v1/d', '/api/v1/c', '/api/v1/a'];
    expect(cache.recentSources()).toEqual(used);
    // Two refreshes with nobody reading between: the same order both times.
    for (let refresh = 0; refresh < 2; refresh++) {
      computed.length = 0;
      await cache.renew();
      expect(computed).toEqual(['b', 'd', 'c', 'a']);
      expect(cache.recentSources()).toEqual(used);
    }
    // A restart: the same requests asked the most recent first, then arranged as they were read.
    const restarted = new ResponseCache({ maxBytes: 1_000_000 });
    for (const source of used) {
      const name = source.slice('/api/v1/'.length);
      await restarted.get(name, async () => name, undefined, null, source);
    }
    expect(restarted.recentSources()).toEqual([...used].reverse());
    restarted.arrange(used);
    expect(restarted.recentSources()).toEqual(used);
  });

  it('says it is renewing while other work asks answers again, and tells that work of a refresh', async () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000 });
    const seen: boolean[] = [];
    await cache.renewWith(async (current) => {
      seen.push(cache.renewing, current());
      cache.clear();
      seen.push(current());
    });
    expect(seen).toEqual([true, true, false]);
    expect(cache.renewing).toBe(false);
  });
});
