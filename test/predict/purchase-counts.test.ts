import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import { bgNbd } from '../../src/predict/bg-nbd.js';
import { gaussLegendre } from '../../src/predict/gauss-legendre.js';
import { mbgNbd } from '../../src/predict/mbg-nbd.js';
import { nbdCounts } from '../../src/predict/nbd-counts.js';
import { paretoNbd } from '../../src/predict/pareto-nbd.js';
import type { PurchaseModel } from '../../src/predict/purchase-model.js';
import { Random } from '../../src/shared/random.js';

// Published CDNOW estimates (shared/data/README.md) and lifetimes' MBG/NBD fit of the same data.
const BG = [0.2426, 4.4136, 0.7929, 2.4259];
const MBG = [0.5248, 6.183, 0.8914, 1.614];
const PARETO = [0.5532, 10.5763, 0.6062, 11.6715];
const MODELS: [PurchaseModel, number[]][] = [
  [bgNbd, BG],
  [mbgNbd, MBG],
  [paretoNbd, PARETO],
];

const sum = (values: ArrayLike<number>): number => Array.from(values).reduce((s, v) => s + v, 0);
const mean = (pmf: ArrayLike<number>): number => Array.from(pmf).reduce((s, v, k) => s + k * v, 0);

/** P(X = k | x, t_x, T): alive with P(alive) and then the pmf, or gone and buying nothing. */
function unconditional(
  model: PurchaseModel,
  p: number[],
  x: number,
  tx: number,
  T: number,
  t: number,
) {
  const alive = model.probabilityAlive(p, x, tx, T);
  const pmf = model.purchaseCountIfAlive(p, x, T, t);
  return Array.from(pmf, (value, k) => alive * value + (k === 0 ? 1 - alive : 0));
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[], tolerance: number) {
  expected.forEach((value, k) => {
    expect(Math.abs((actual[k] ?? NaN) - value), `P(X = ${k})`).toBeLessThan(tolerance);
  });
}

describe('building blocks', () => {
  it('Gauss–Legendre integrates polynomials of degree 2n − 1 exactly', () => {
    const { nodes, weights } = gaussLegendre(12);
    for (const degree of [0, 1, 2, 7, 22, 23]) {
      let integral = 0;
      nodes.forEach((x, i) => (integral += (weights[i] ?? 0) * x ** degree));
      expect(integral).toBeCloseTo(degree % 2 === 0 ? 2 / (degree + 1) : 0, 14);
    }
  });

  it('builds the NBD from its mode: by hand for small shapes, no underflow for large ones', () => {
    const { pmf, survival } = nbdCounts(2.5, 4, 3, 1e-12, 10_000);
    const byHand = (k: number) =>
      Math.exp(
        gammaln(2.5 + k) -
          gammaln(2.5) -
          gammaln(k + 1) +
          2.5 * Math.log(4 / 7) +
          k * Math.log(3 / 7),
      );
    pmf.forEach((value, k) => expect(value).toBeCloseTo(byHand(k), 14));
    expect(survival[0]).toBeCloseTo(1, 14);
    expect(survival[3]).toBeCloseTo(1 - byHand(0) - byHand(1) - byHand(2), 14);
    expect(survival[pmf.length]).toBeLessThan(1e-12);
    // A daily buyer of ten years: P(N = 0) is e^−1700, yet the table sums to 1.
    const long = nbdCounts(3650.9, 3670, 3650, 1e-9, 100_000);
    expect(long.pmf[0]).toBe(0);
    expect(sum(long.pmf) + (long.survival[long.pmf.length] ?? NaN)).toBeCloseTo(1, 13);
    expect(Math.abs(mean(long.pmf) / ((3650.9 * 3650) / 3670) - 1)).toBeLessThan(1e-8);
  });
});

describe('purchaseCountIfAlive', () => {
  it('matches lifetimes 0.11.3 for a new BG/NBD and MBG/NBD customer', () => {
    // BetaGeoFitter / ModifiedBetaGeoFitter .probability_of_n_purchases_up_to_time(39, n) with
    // the parameters above, n = 0 … 5. A new BG/NBD customer is alive for certain; a new
    // MBG/NBD customer with P(alive | x = 0, T = 0) = b/(a + b).
    expectClose(
      bgNbd.purchaseCountIfAlive(BG, 0, 0, 39),
      [
        0.5742999197005054, 0.19919386048701554, 0.08532423127557012, 0.045798559285290884,
        0.02763216540702395, 0.01793905185096277,
      ],
      1e-10,
    );
    expectClose(
      unconditional(mbgNbd, MBG, 0, 0, 0, 39),
      [
        0.582630064486315, 0.18275902038464603, 0.08686596962763612, 0.04854712341534287,
        0.029756286901456486, 0.019373730836686625,
      ],
      1e-10,
    );
  });

  it('matches lifetimes 0.11.3 given a history, as a new customer with the posterior as prior', () => {
    // Alive at T, the future is a fresh BG/NBD customer whose λ ~ Gamma(r + x, α + T) and
    // p ~ Beta(a, b + x) (MBG/NBD: b + x + 1, the first purchase survived too): lifetimes'
    // BetaGeoFitter.probability_of_n_purchases_up_to_time(t, n) at those parameters.
    const cases: [PurchaseModel, number[], number, number, number, number[]][] = [
      [
        bgNbd,
        BG,
        2,
        38.86,
        39,
        [
          0.23671760575967193, 0.32937793034007773, 0.19842648084669506, 0.11125978470643294,
          0.05992023088776651, 0.031460475730254095,
        ],
      ],
      [
        bgNbd,
        BG,
        7,
        30,
        52,
        [
          0.0012706676230512764, 0.08260191919037452, 0.07652139435564326, 0.07489384555492115,
          0.07543308912846917, 0.07620779565738885,
        ],
      ],
      [
        mbgNbd,
        MBG,
        2,
        38.86,
        39,
        [
          0.2070602446143256, 0.33170569010557915, 0.2066969633136886, 0.11873686812457507,
          0.06501451664385502, 0.03450614009223164,
        ],
      ],
      [
        mbgNbd,
        MBG,
        0,
        38.86,
        52,
        [
          0.6684436344017872, 0.22448603312575213, 0.06711889957138428, 0.023829742214699523,
          0.009283444802155138, 0.0038352252516498375,
        ],
      ],
    ];
    for (const [model, p, x, T, t, expected] of cases) {
      expectClose(model.purchaseCountIfAlive(p, x, T, t), expected, 1e-12);
    }
  });

  it("matches lifetimes 0.11.3's Pareto/NBD conditional pmf (Fader & Hardie note 028, eq. 16)", () => {
    // ParetoNBDFitter.conditional_probability_of_n_purchases_up_to_time(n, t, x, t_x, T),
    // n = 0 … 4, which mixes in the customers who are gone.
    const cases: [number[], number, number, number, number, number[]][] = [
      [
        PARETO,
        2,
        30.43,
        38.86,
        39,
        [
          0.40807914185079985, 0.21926948422696063, 0.15174891217734066, 0.09565450964294242,
          0.056576563813412833,
        ],
      ],
      [
        PARETO,
        1,
        1.71,
        38.86,
        52,
        [
          0.9045258990332931, 0.04120413436835413, 0.023787175568849857, 0.013553131000557122,
          0.007614680748959941,
        ],
      ],
      // α > β, the other branch of the closed form.
      [
        [0.8, 30, 1.5, 8],
        3,
        20,
        39,
        52,
        [
          0.8239764080323692, 0.06448774058585173, 0.041972549886813, 0.02733522764015067,
          0.017315263372656698,
        ],
      ],
    ];
    for (const [p, x, tx, T, t, expected] of cases) {
      expectClose(unconditional(paretoNbd, p, x, tx, T, t), expected, 1e-12);
    }
  });

  it('matches the Pareto/NBD pmf of a daily buyer, where the closed form sums cancelling terms', () => {
    // x = 1000, T = 1100 days, t = 365: lifetimes (as above, divided out of P(alive)), and the
    // integral over the lifetime by mpmath's quad at 30 digits, agree to 1e-13.
    const pmf = paretoNbd.purchaseCountIfAlive([0.9, 20, 0.8, 60], 1000, 1100, 365);
    const expected: [number, number][] = [
      [0, 0.0007711506554170829],
      [150, 0.0006046832179421103],
      [300, 0.007581368685530689],
      [330, 0.01523898739477646],
      [400, 4.243195885402161e-5],
    ];
    for (const [k, value] of expected) {
      expect(Math.abs((pmf[k] ?? NaN) - value), `P(X = ${k})`).toBeLessThan(1e-12);
    }
  });

  it('sums to 1 and has the mean of expectedPurchasesIfAlive', () => {
    const histories = [
      [0, 0, 39],
      [0, 38.86, 52],
      [2, 38.86, 39],
      [1, 1, 260],
      [30, 39, 52],
    ] as const;
    for (const [model, p] of MODELS) {
      for (const [x, T, t] of histories) {
        const what = `${model.name} x=${x} T=${T} t=${t}`;
        const expected = model.expectedPurchasesIfAlive(p, x, T, t);
        const pmf = model.purchaseCountIfAlive(p, x, T, t);
        expect(Math.abs(sum(pmf) - 1), what).toBeLessThan(1e-14);
        expect(pmf.every((v) => v >= 0)).toBe(true);
        // Reading the last entry, "k or more", as k loses E[(X − k)⁺], far below 1e-8 here.
        expect(Math.abs(mean(pmf) / expected - 1), what).toBeLessThan(1e-8);
        const fine = model.purchaseCountIfAlive(p, x, T, t, { tail: 1e-15 });
        expect(Math.abs(mean(fine) / expected - 1), what).toBeLessThan(1e-11);
      }
    }
  });

  it('stops at the first count past which less than `tail` is left, or at maxCount', () => {
    for (const [model, p] of MODELS) {
      const fine = model.purchaseCountIfAlive(p, 2, 38.86, 52, { tail: 1e-15 });
      const after = (k: number) => sum(fine.subarray(k + 1));
      for (const tail of [1e-3, 1e-6, 1e-9]) {
        const pmf = model.purchaseCountIfAlive(p, 2, 38.86, 52, { tail });
        const last = pmf.length - 1;
        expect(after(last), `${model.name} ${tail}`).toBeLessThan(tail * (1 + 1e-6));
        expect(after(last - 1), `${model.name} ${tail}`).toBeGreaterThan(tail * (1 - 1e-6));
        expect(pmf[last]).toBeCloseTo((fine[last] ?? NaN) + after(last), 14);
      }
      const capped = model.purchaseCountIfAlive(p, 2, 38.86, 52, { maxCount: 3 });
      expect(capped).toHaveLength(4);
      expect(capped[3]).toBeCloseTo(1 - sum(fine.subarray(0, 3)), 14);
      expect(Array.from(model.purchaseCountIfAlive(p, 2, 38.86, 0))).toEqual([1]);
    }
  });

  it('answers NaN, quickly, for parameters that are not positive numbers', () => {
    for (const [model, p] of MODELS) {
      for (const bad of [NaN, Infinity, 0, -1]) {
        const parameters = [p[0] ?? NaN, bad, p[2] ?? NaN, p[3] ?? NaN];
        expect(Array.from(model.purchaseCountIfAlive(parameters, 2, 38.86, 52))).toEqual([NaN]);
        expect(model.expectedPurchasesIfAlive(parameters, 2, 38.86, 52)).toBeNaN();
      }
      expect(Array.from(model.purchaseCountIfAlive(p, 2, 38.86, NaN))).toEqual([NaN]);
    }
  });

  it('stays finite and sums to 1 on odd parameters and histories', () => {
    const random = new Random(11);
    const logUniform = (low: number, high: number) =>
      Math.exp(random.uniform(Math.log(low), Math.log(high)));
    for (let i = 0; i < 60; i++) {
      const p = [
        logUniform(1e-2, 1e2),
        logUniform(1e-2, 1e4),
        logUniform(1e-2, 1e8),
        logUniform(1e-2, 1e8),
      ];
      const x = random.chance(0.3) ? 0 : Math.floor(logUniform(1, 3000));
      const T = x === 0 && random.chance(0.3) ? 0 : logUniform(1, 3000);
      const t = logUniform(1e-3, 3650);
      for (const [model] of MODELS) {
        const what = `${model.name} ${JSON.stringify([p, x, T, t])}`;
        const pmf = model.purchaseCountIfAlive(p, x, T, t);
        expect(pmf.length, what).toBeLessThanOrEqual(10_001);
        expect(
          pmf.every((v) => Number.isFinite(v) && v >= 0),
          what,
        ).toBe(true);
        expect(Math.abs(sum(pmf) - 1), what).toBeLessThan(1e-12);
        const expected = model.expectedPurchasesIfAlive(p, x, T, t);
        expect(Number.isFinite(expected) && expected >= 0, what).toBe(true);
        // The mean falls short only by what the cut leaves out past the last entry.
        if (pmf.length < 10_001) expect(mean(pmf), what).toBeLessThanOrEqual(expected * (1 + 1e-9));
      }
    }
  });
});
