import { describe, expect, it } from 'vitest';
import { bgNbd } from '../../src/predict/bg-nbd.js';
import { mbgNbd } from '../../src/predict/mbg-nbd.js';
import type { PurchaseModel } from '../../src/predict/purchase-model.js';
import { expectedPurchases } from '../../src/predict/purchase-model.js';
import { Random } from '../../src/shared/random.js';

type Case = [
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number,
  t: number,
];
// [case, lifetimes' conditional_expected_number_of_purchases_up_to_time(t, x, t_x, T),
//  its conditional_probability_alive(x, t_x, T)]: lifetimes 0.11.3, BetaGeoFitter and
// ModifiedBetaGeoFitter with params_ set to the case. mpmath's hyp2f1 at 50 digits agrees with
// these to 1e-13 (the first is the 50-customer CDNOW subset).
const BG_REFERENCE: [Case, number, number][] = [
  [[0.3, 6, 1000, 30000, 0, 0, 39, 52.18], 0.3396444011111646, 1],
  [[0.3, 6, 1e4, 3e5, 0, 0, 39, 52.18], 0.33964420824492014, 1],
  [[0.3, 6, 1e6, 3e7, 0, 0, 39, 52.18], 0.33964418702781785, 1],
  [[0.3, 6, 1e8, 3e9, 0, 0, 39, 52.18], 0.3396441868156478, 1],
  [[0.3, 6, 1e8, 1e8, 0, 0, 39, 52.18], 0.2563825951704041, 1],
  [[0.3, 6, 3106, 2e4, 3, 20, 39, 52.18], 1.4503852493249694, 0.5130542583851336],
  [[0.2426, 4.4136, 1e5, 1e7, 2, 30.43, 38.86, 39], 1.9603817340613385, 0.9840034889499046],
];
const MBG_REFERENCE: [Case, number, number][] = [
  [[0.3, 6, 1000, 30000, 0, 0, 39, 52.18], 0.320114640183526, 0.9424986724544595],
  [[0.3, 6, 1e6, 3e7, 0, 0, 39, 52.18], 0.3201141956236538, 0.9424986724544595],
  [[0.3, 6, 1e8, 3e9, 0, 0, 39, 52.18], 0.32011419518306494, 0.9424986724544595],
  [[0.3, 6, 1e8, 1e8, 0, 0, 39, 52.18], 0.09058548020915133, 0.35332148828260274],
];
// Near a = 1 the closed form is 0/0 and lifetimes loses ~1e-8 to cancellation; these are the
// same expression by mpmath at 50 digits (lifetimes agrees to 5e-9).
const NEAR_ONE: [PurchaseModel, Case, number][] = [
  [bgNbd, [0.2426, 4.4136, 1 - 1e-7, 2.4259, 2, 30.43, 38.86, 39], 1.101989578585228],
  [bgNbd, [0.2426, 4.4136, 1 + 1e-7, 2.4259, 2, 30.43, 38.86, 39], 1.1019894693596912],
  [bgNbd, [0.2426, 4.4136, 1 - 1e-4, 2.4259, 0, 0, 38.86, 39], 0.19077300548384088],
  [bgNbd, [0.2426, 4.4136, 1 + 1e-4, 2.4259, 0, 0, 38.86, 39], 0.19076941916981371],
  [bgNbd, [0.2426, 4.4136, 1 + 1e-4, 2.4259, 5, 20, 38.86, 52], 1.0949468723844806],
  [mbgNbd, [0.2426, 4.4136, 1 - 1e-7, 2.4259, 2, 30.43, 38.86, 39], 1.224267544163126],
  [mbgNbd, [0.2426, 4.4136, 1 + 1e-7, 2.4259, 2, 30.43, 38.86, 39], 1.224267440415691],
  [mbgNbd, [0.2426, 4.4136, 1 - 1e-4, 2.4259, 0, 0, 38.86, 39], 0.11424342334323292],
];

function expectRelative(actual: number, expected: number, tolerance: number, what: string): void {
  expect(Math.abs(actual / expected - 1), what).toBeLessThan(tolerance);
}

describe('BG/NBD and MBG/NBD expectations for any a and b', () => {
  it("gives the issue's case: a ≈ 3106 from a 50-customer subset of CDNOW", () => {
    const value = bgNbd.expectedPurchasesIfAlive([0.3, 6, 1000, 30000], 0, 39, 52.18);
    expectRelative(value, 0.3396444011111646, 1e-12, 'a = 1000, b = 30000');
  });

  it('matches lifetimes for a and b up to 1e8, and P(alive) with them', () => {
    for (const [model, cases] of [
      [bgNbd, BG_REFERENCE],
      [mbgNbd, MBG_REFERENCE],
    ] as const) {
      for (const [[r, alpha, a, b, x, tx, T, t], expected, alive] of cases) {
        const p = [r, alpha, a, b];
        const what = `${model.name} ${[a, b, x, t].join(' ')}`;
        expectRelative(expectedPurchases(model, p, x, tx, T, t), expected, 1e-12, what);
        expectRelative(model.probabilityAlive(p, x, tx, T), alive, 1e-13, what);
      }
    }
  });

  it('is exact at a = 1 ± small, where the closed form is 0/0', () => {
    for (const [model, [r, alpha, a, b, x, tx, T, t], expected] of NEAR_ONE) {
      const p = [r, alpha, a, b];
      const what = `${model.name} a − 1 = ${(a - 1).toExponential(0)}`;
      expectRelative(expectedPurchases(model, p, x, tx, T, t), expected, 1e-12, what);
    }
    // At a = 1 itself, between its neighbours.
    const at = bgNbd.expectedPurchasesIfAlive([0.2426, 4.4136, 1, 2.4259], 2, 38.86, 39);
    const below = bgNbd.expectedPurchasesIfAlive([0.2426, 4.4136, 1 - 1e-7, 2.4259], 2, 38.86, 39);
    const above = bgNbd.expectedPurchasesIfAlive([0.2426, 4.4136, 1 + 1e-7, 2.4259], 2, 38.86, 39);
    expect(at).toBeLessThan(below);
    expect(at).toBeGreaterThan(above);
  });

  it('tends to the NBD without dropout as b grows with a fixed (p → 0)', () => {
    // Without dropout, E = (r + x)/(α + T) · t.
    const [r, alpha, x, T, t] = [0.3, 6, 4, 39, 52];
    const nbd = ((r + x) / (alpha + T)) * t;
    const values = [1e2, 1e4, 1e6, 1e8].map((b) =>
      bgNbd.expectedPurchasesIfAlive([r, alpha, 2, b], x, T, t),
    );
    expect(values).toEqual([...values].sort((u, v) => u - v));
    expectRelative(values[3] ?? NaN, nbd, 1e-6, 'b = 1e8');
  });

  it('stays finite, positive, below buying without dropout and equal to the pmf mean on odd parameters', () => {
    const random = new Random(5);
    const logUniform = (low: number, high: number) =>
      Math.exp(random.uniform(Math.log(low), Math.log(high)));
    for (let i = 0; i < 300; i++) {
      const p = [
        logUniform(1e-2, 1e2),
        logUniform(1e-2, 1e4),
        logUniform(1e-2, 1e8),
        logUniform(1e-2, 1e8),
      ];
      const x = random.chance(0.3) ? 0 : Math.floor(logUniform(1, 5000));
      const T = x === 0 && random.chance(0.3) ? 0 : logUniform(1, 5000);
      const t = logUniform(1e-3, 5000);
      for (const model of [bgNbd, mbgNbd]) {
        const what = `${model.name} ${JSON.stringify([p, x, T, t])}`;
        const value = model.expectedPurchasesIfAlive(p, x, T, t);
        const ceiling = (((p[0] ?? NaN) + x) / ((p[1] ?? NaN) + T)) * t;
        expect(value > 0 && value <= ceiling * (1 + 1e-12), what).toBe(true);
        // The pmf's mean is another route to the same number (the sum over its table).
        const pmf = model.purchaseCountIfAlive(p, x, T, t, { tail: 1e-14 });
        if (pmf.length < 10_001) {
          const mean = pmf.reduce((total, v, k) => total + k * v, 0);
          expectRelative(mean, value, 1e-9, what);
        }
        const longer = model.expectedPurchasesIfAlive(p, x, T, t * 1.01);
        expect(longer, what).toBeGreaterThanOrEqual(value * (1 - 1e-12));
        const alive = model.probabilityAlive(p, x, x === 0 ? 0 : random.uniform(0, T), T);
        expect(alive >= 0 && alive <= 1, what).toBe(true);
      }
    }
  });
});
