import { describe, expect, it } from 'vitest';
import { ResponseCache } from '../../src/server/response-cache.js';

const text = (length: number) => async () => 'x'.repeat(length);
const weight = (answer: string) => answer.length;

describe('the response cache, bounded in bytes', () => {
  it('evicts the least recently used answers until the rest fit, counting keys too', async () => {
    // Each entry weighs its key (1 character) and its answer (100): three fit in 350.
    const cache = new ResponseCache({ maxBytes: 350 });
    for (const key of ['a', 'b', 'c']) await cache.get(key, text(100), weight);
    expect([cache.size, cache.bytes]).toEqual([3, 303]);
    // a is used again, so b is now the least recent and goes when d comes.
    await cache.get('a', text(100), weight);
    await cache.get('d', text(100), weight);
    expect([cache.size, cache.bytes]).toEqual([3, 303]);
    let computed = 0;
    const counted = async () => {
      computed += 1;
      return 'y'.repeat(100);
    };
    for (const key of ['a', 'c', 'd']) await cache.get(key, counted, weight);
    expect(computed).toBe(0);
    await cache.get('b', counted, weight);
    expect(computed).toBe(1);
    // b came back and pushed out the least recent of the others: a (used before c and d).
    await cache.get('c', counted, weight);
    await cache.get('d', counted, weight);
    expect(computed).toBe(1);
    await cache.get('a', counted, weight);
    expect(computed).toBe(2);
  });

  it('serves an answer larger than the whole budget without keeping it', async () => {
    const cache = new ResponseCache({ maxBytes: 1000 });
    await cache.get('small', text(10), weight);
    const big = await cache.get('big', text(5000), weight);
    expect(big).toHaveLength(5000);
    expect([cache.size, cache.bytes]).toEqual([1, 15]);
  });

  it('keeps nothing with a budget of 0, yet shares one computation between callers at once', async () => {
    const cache = new ResponseCache({ maxBytes: 0 });
    let calls = 0;
    const compute = async () => {
      calls += 1;
      return 'answer';
    };
    const [a, b] = await Promise.all([
      cache.get('k', compute, weight),
      cache.get('k', compute, weight),
    ]);
    expect([a, b, calls]).toEqual(['answer', 'answer', 1]);
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });

  it('forgets the weight of answers cleared while they were computed', async () => {
    const cache = new ResponseCache({ maxBytes: 1000 });
    let release: (value: string) => void = () => undefined;
    const pending = cache.get(
      'slow',
      () => new Promise<string>((resolve) => (release = resolve)),
      weight,
    );
    cache.clear();
    release('z'.repeat(500));
    await pending;
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
    await cache.get('next', text(100), weight);
    expect(cache.bytes).toBe(104);
  });

  it('renews the most recent answers with their own weights', async () => {
    const cache = new ResponseCache({ maxBytes: 10_000 });
    for (const key of ['p', 'q', 'r']) await cache.get(key, text(1000), weight);
    await cache.renew(2);
    expect([cache.size, cache.bytes]).toEqual([2, 2002]);
  });
});
