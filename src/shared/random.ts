const TWO_POW_32 = 4_294_967_296;

/** Mixes 32-bit words into one well-scrambled 32-bit seed, so derived streams do not overlap. */
export function mixSeed(...words: number[]): number {
  let h = 0x811c9dc5;
  for (const word of words) {
    h = scramble((h ^ (word >>> 0)) + 0x9e3779b9);
  }
  return h >>> 0;
}

/** Splits any safe integer into 32-bit words, so seeds above 2^32 still differ from small ones. */
export function seedWords(seed: number): number[] {
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  return [low, high];
}

function scramble(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** A seeded pseudo-random source (a Weyl sequence through an avalanche mix); same seed, same draws. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x9e3779b9) >>> 0;
    return scramble(this.#state) / TWO_POW_32;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal scaled to `mean` and `sd` (Box–Muller; one draw per call keeps streams simple). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Gamma(shape, scale) by Marsaglia and Tsang (2000); shapes below 1 use the u^(1/shape) boost. */
  gamma(shape: number, scale = 1): number {
    if (shape < 1) {
      const boost = Math.pow(1 - this.next(), 1 / shape);
      return this.gamma(shape + 1, scale) * boost;
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.next();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v * scale;
      }
    }
  }

  /** Beta(a, b) as the ratio of two gammas. */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }
}

/** A weighted choice among fixed values, with the cumulative table built once. */
export class WeightedPicker<T> {
  readonly #values: readonly T[];
  readonly #cumulative: number[];

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new RangeError('WeightedPicker needs at least one entry');
    let total = 0;
    this.#values = entries.map(([value]) => value);
    this.#cumulative = entries.map(([, weight]) => (total += weight));
  }

  /** One value, drawn with probability proportional to its weight. */
  pick(random: Random): T {
    const total = this.#cumulative[this.#cumulative.length - 1] ?? 0;
    const target = random.next() * total;
    let low = 0;
    let high = this.#cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#cumulative[mid] ?? 0) > target) high = mid;
      else low = mid + 1;
    }
    return this.#values[low] as T;
  }
}
