import { describe, expect, it } from 'vitest';
import { nextPurchaseWait, silenceCurve } from '../../src/predict/next-purchase.js';
import { purchaseModels } from '../../src/predictions/purchase-models.js';
import { Random } from '../../src/shared/random.js';

/** The t where P(alive)·(1 − P0(t)) = 1/2, by bisection on the exact P0; null past `horizon`. */
function directWait(p0: (t: number) => number, alive: number, horizon: number): number | null {
  const reached = (t: number) => alive * (1 - p0(t)) >= 0.5;
  if (!reached(horizon)) return null;
  let low = 0;
  let high = horizon;
  for (let i = 0; i < 80; i++) {
    const middle = (low + high) / 2;
    if (reached(middle)) high = middle;
    else low = middle;
  }
  return high;
}

describe('the time by which a purchase is more likely than not', () => {
  for (const [name, model] of Object.entries(purchaseModels)) {
    it(`${name}: agrees with a direct search to within an hour, and says when it is out of reach`, () => {
      const random = new Random(11);
      let found = 0;
      let none = 0;
      for (let i = 0; i < 200; i++) {
        // Weeks; CDNOW-like parameters spread by a factor of 10 either way.
        const parameters = [0.5, 8, 0.8, 2].map((v) => v * Math.exp(random.uniform(-2.3, 2.3)));
        const x = random.int(0, 40);
        const T = random.uniform(1, 150);
        const alive = random.uniform(0.3, 1);
        const horizon = 52.18;
        const curve = silenceCurve(model, parameters, x, T, horizon);
        const wait = nextPurchaseWait(curve, alive);
        const direct = directWait(
          (t) => model.noPurchaseIfAlive(parameters, x, T, t),
          alive,
          horizon,
        );
        if (direct === null) {
          none += 1;
          expect(wait).toBeNull();
        } else {
          found += 1;
          expect(Math.abs((wait ?? NaN) - direct)).toBeLessThan(1 / (7 * 24));
        }
      }
      expect(found).toBeGreaterThan(20);
      expect(none).toBeGreaterThan(20);
    });
  }
});
