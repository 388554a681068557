import { describe, expect, it } from 'vitest';
import { NLOGN_EXPONENT, logSlope } from '../../bench/scale-bench.js';

const SIZES = [100_000, 300_000, 1_000_000, 3_000_000];

describe('the scale benchmark’s growth exponent', () => {
  it('is the slope of log(seconds) over log(customers)', () => {
    expect(logSlope(SIZES.map((n) => [n, 3e-9 * n ** 2]))).toBeCloseTo(2, 12);
    expect(logSlope(SIZES.map((n) => [n, 0.5 * n]))).toBeCloseTo(1, 12);
    expect(logSlope(SIZES.map((n) => [n, 4.2]))).toBeCloseTo(0, 12);
    expect(
      logSlope([
        [10, 1],
        [100, 10],
        [1000, 100],
      ]),
    ).toBeCloseTo(1, 12);
  });

  it('says n log n at these sizes stays under its bound, and n^1.2 does not', () => {
    const nLogN = logSlope(SIZES.map((n) => [n, n * Math.log(n)])) ?? 0;
    expect(nLogN).toBeGreaterThan(1.05);
    expect(nLogN).toBeLessThan(NLOGN_EXPONENT);
    expect(logSlope(SIZES.map((n) => [n, n ** 1.2]))).toBeGreaterThan(NLOGN_EXPONENT);
  });

  it('has no exponent from fewer than two usable sizes', () => {
    expect(logSlope([])).toBeNull();
    expect(logSlope([[1000, 2]])).toBeNull();
    // A step that took no measurable time, or one size measured twice, fits nothing.
    expect(
      logSlope([
        [1000, 0],
        [3000, 2],
      ]),
    ).toBeNull();
    expect(
      logSlope([
        [1000, 1],
        [1000, 2],
      ]),
    ).toBeNull();
  });
});
