import { describe, expect, it } from 'vitest';
import { purchaseModels } from '../../src/predictions/purchase-models.js';
import { Random } from '../../src/shared/random.js';

// Parameters from 1e-2 to 1e6 on a log scale, histories from a first-day buyer to a daily one.
function draws(seed: number, n: number) {
  const random = new Random(seed);
  const logUniform = (low: number, high: number) =>
    Math.exp(random.uniform(Math.log(low), Math.log(high)));
  return Array.from({ length: n }, () => ({
    parameters: [0, 0, 0, 0].map(() => logUniform(1e-2, 1e6)),
    x: random.int(0, 1000),
    T: random.uniform(0, 400),
    t: logUniform(0.01, 520),
  }));
}

describe('P(no purchase in t | alive)', () => {
  for (const [name, model] of Object.entries(purchaseModels)) {
    it(`${name}: equals the first term of the purchase count distribution`, () => {
      for (const { parameters, x, T, t } of draws(7, 300)) {
        const first = model.purchaseCountIfAlive(parameters, x, T, t)[0] ?? NaN;
        const alone = model.noPurchaseIfAlive(parameters, x, T, t);
        expect(alone).toBeGreaterThanOrEqual(0);
        expect(alone).toBeLessThanOrEqual(1 + 1e-12);
        expect(Math.abs(alone - first)).toBeLessThan(1e-9 + 1e-7 * first);
      }
    });
  }

  it('is 1 for no time and NaN for parameters that are not positive numbers', () => {
    for (const model of Object.values(purchaseModels)) {
      expect(model.noPurchaseIfAlive([1, 2, 3, 4], 2, 10, 0)).toBe(1);
      expect(model.noPurchaseIfAlive([1, NaN, 3, 4], 2, 10, 5)).toBeNaN();
    }
  });

  it('BG/NBD: is the NBD zero term ((α + T)/(α + T + t))^(r + x), computed by hand', () => {
    // r 0.25, α 4, x 2, T 30, t 10: (34/44)^2.25.
    expect(purchaseModels.bgnbd.noPurchaseIfAlive([0.25, 4, 0.8, 2.4], 2, 30, 10)).toBeCloseTo(
      Math.pow(34 / 44, 2.25),
      14,
    );
  });
});
