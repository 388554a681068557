import { describe, expect, it } from 'vitest';
import { retryDelaySeconds, isExhausted } from '../../src/destinations/backoff.js';
import { holdoutPoint, isControl } from '../../src/destinations/holdout.js';

const ids = Array.from({ length: 20_000 }, (_, i) => `customer-${i}`);

describe('the holdout', () => {
  it('withholds a share close to the one asked', () => {
    for (const share of [0.05, 0.1, 0.25, 0.5]) {
      const withheld = ids.filter((id) => isControl('aud_0123456789', id, share)).length;
      // Binomial: 20 000 draws, the standard error is at most 0.0036; allow four of them.
      expect(Math.abs(withheld / ids.length - share)).toBeLessThan(0.015);
    }
    expect(ids.filter((id) => isControl('aud_0123456789', id, 0)).length).toBe(0);
  });

  it('is deterministic per audience and customer, and differs between audiences', () => {
    const first = ids.filter((id) => isControl('aud_0123456789', id, 0.1));
    expect(ids.filter((id) => isControl('aud_0123456789', id, 0.1))).toEqual(first);
    const other = ids.filter((id) => isControl('aud_9876543210', id, 0.1));
    const both = other.filter((id) => first.includes(id)).length;
    // Independent draws overlap in about 1 % of customers, not 10 %.
    expect(both / ids.length).toBeLessThan(0.02);
    // A larger share keeps everyone a smaller one withheld.
    const larger = new Set(ids.filter((id) => isControl('aud_0123456789', id, 0.2)));
    expect(first.every((id) => larger.has(id))).toBe(true);
  });

  it('places a customer by the first 8 bytes of SHA-256 of audience NUL customer', () => {
    // sha256 of "a", NUL, "b" starts 59b271ae (printf 'a\0b' | sha256sum).
    expect(holdoutPoint('a', 'b')).toBeCloseTo(0x59b271ae / 2 ** 32, 8);
  });
});

describe('the retry backoff', () => {
  const policy = { maxAttempts: 8, baseSeconds: 30, maxSeconds: 3600 };

  it('doubles its ceiling per failed attempt, up to the cap, with full jitter', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, policy, 0.999999))).toEqual(
      [30, 60, 120, 240].map((s) => s * 0.999999),
    );
    expect(retryDelaySeconds(10, policy, 0.5)).toBe(1800);
    expect(retryDelaySeconds(3, policy, 0)).toBe(0);
    expect(retryDelaySeconds(3, policy, 0.25)).toBe(30);
  });

  it('gives up after the configured attempts', () => {
    expect(isExhausted(7, policy)).toBe(false);
    expect(isExhausted(8, policy)).toBe(true);
  });
});
