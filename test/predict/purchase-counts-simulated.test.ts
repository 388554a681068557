import { describe, expect, it } from 'vitest';
import { bgNbd } from '../../src/predict/bg-nbd.js';
import { mbgNbd } from '../../src/predict/mbg-nbd.js';
import { paretoNbd } from '../../src/predict/pareto-nbd.js';
import type { PurchaseModel } from '../../src/predict/purchase-model.js';
import { Random } from '../../src/shared/random.js';

// Customers simulated from the prior, purchase by purchase, kept when they have x repeat
// purchases in (0, T] and are still alive at T: their purchases in (T, T + t] are a sample of
// exactly what purchaseCountIfAlive describes, with no posterior worked out by hand (the MBG/NBD
// one, Beta(a, b + x + 1), is what this checks).
const ACCEPTED = Number(process.env['CLV_THOROUGH']) ? 40_000 : 4_000;
// Standard errors allowed: with fixed seeds the outcome is deterministic, and a chance failure
// at 4 SE (p ≈ 6e-5 per check) would point at a real bug.
const Z = 4;

type Customer = (
  random: Random,
  T: number,
  t: number,
) => { x: number; alive: boolean; future: number };

/** BG/NBD (or MBG/NBD, with a coin flip right after the first purchase). */
function dropoutCustomer(
  [r = NaN, alpha = NaN, a = NaN, b = NaN]: number[],
  atFirst: boolean,
): Customer {
  return (random, T, t) => {
    const lambda = random.gamma(r, 1 / alpha);
    const p = random.beta(a, b);
    let active = !(atFirst && random.chance(p));
    let aliveAtT = active;
    let x = 0;
    let future = 0;
    for (
      let time = random.exponential(1 / lambda);
      active && time <= T + t;
      time += random.exponential(1 / lambda)
    ) {
      if (time <= T) x += 1;
      else future += 1;
      if (random.chance(p)) {
        active = false;
        aliveAtT = time > T;
      }
    }
    return { x, alive: aliveAtT, future };
  };
}

/** Pareto/NBD with λ, μ and the lifetime drawn explicitly. */
function paretoCustomer([r = NaN, alpha = NaN, s = NaN, beta = NaN]: number[]): Customer {
  return (random, T, t) => {
    const lambda = random.gamma(r, 1 / alpha);
    const lifetime = random.exponential(1 / random.gamma(s, 1 / beta));
    let x = 0;
    let future = 0;
    const end = Math.min(lifetime, T + t);
    for (
      let time = random.exponential(1 / lambda);
      time <= end;
      time += random.exponential(1 / lambda)
    ) {
      if (time <= T) x += 1;
      else future += 1;
    }
    return { x, alive: lifetime > T, future };
  };
}

function expectSimulated(
  model: PurchaseModel,
  parameters: number[],
  customer: Customer,
  [x, T, t]: [number, number, number],
  seed: number,
): void {
  const random = new Random(seed);
  const counts: number[] = [];
  for (let tries = 0; counts.length < ACCEPTED && tries < 1000 * ACCEPTED; tries++) {
    const drawn = customer(random, T, t);
    if (drawn.alive && drawn.x === x) counts.push(drawn.future);
  }
  expect(counts).toHaveLength(ACCEPTED);
  const pmf = model.purchaseCountIfAlive(parameters, x, T, t);
  // P(X = k) for k = 0 … 3 and P(X ≥ 4).
  for (let k = 0; k <= 4; k++) {
    const expected =
      k < 4 ? (pmf[k] ?? 0) : 1 - Array.from(pmf.subarray(0, 4)).reduce((u, v) => u + v, 0);
    const observed = counts.filter((c) => (k < 4 ? c === k : c >= 4)).length / counts.length;
    const se = Math.sqrt(Math.max(expected * (1 - expected), 1e-4) / counts.length);
    expect(
      Math.abs(observed - expected),
      `${model.name} x=${x}: P(X ${k < 4 ? '=' : '≥'} ${k})`,
    ).toBeLessThanOrEqual(Z * se);
  }
  const mean = counts.reduce((u, v) => u + v, 0) / counts.length;
  const sd = Math.sqrt(counts.reduce((u, v) => u + (v - mean) ** 2, 0) / (counts.length - 1));
  const expectedMean = model.expectedPurchasesIfAlive(parameters, x, T, t);
  expect(Math.abs(mean - expectedMean)).toBeLessThanOrEqual((Z * sd) / Math.sqrt(counts.length));
}

describe('purchaseCountIfAlive against customers simulated purchase by purchase', () => {
  const BG = [0.2426, 4.4136, 0.7929, 2.4259];
  const MBG = [0.5248, 6.183, 0.8914, 1.614];
  const PARETO = [0.5532, 10.5763, 0.6062, 11.6715];

  it('BG/NBD', () => {
    expectSimulated(bgNbd, BG, dropoutCustomer(BG, false), [1, 39, 52], 1);
    expectSimulated(bgNbd, BG, dropoutCustomer(BG, false), [3, 20, 39], 2);
  });

  it('MBG/NBD, one-time buyers included', () => {
    expectSimulated(mbgNbd, MBG, dropoutCustomer(MBG, true), [0, 39, 52], 3);
    expectSimulated(mbgNbd, MBG, dropoutCustomer(MBG, true), [2, 39, 52], 4);
  });

  it('Pareto/NBD', () => {
    expectSimulated(paretoNbd, PARETO, paretoCustomer(PARETO), [1, 39, 52], 5);
    expectSimulated(paretoNbd, PARETO, paretoCustomer(PARETO), [0, 20, 104], 6);
  });
});
