import { Random, mixSeed, seedWords } from '../../shared/random.js';

/** Simulated customers as columns, one entry per customer; time in weeks. */
export interface SimulatedCustomers {
  /** x: repeat purchases in (0, T]; the first purchase at time 0 is not counted. */
  frequency: Float64Array;
  /** t_x: time of the last repeat purchase; 0 when x = 0. */
  recency: Float64Array;
  /** T: time from the first purchase to the end of observation. */
  age: Float64Array;
  /** Mean spend per repeat purchase: NaN until spend is simulated, and always NaN when x = 0. */
  monetary: Float64Array;
}

export interface SimulationOptions {
  customers: number;
  /** Weeks every customer is observed after the first purchase. */
  T: number;
  seed: number;
  /**
   * Round recency to whole days, as summaries built from dated orders are (default true).
   * Purchases are never merged into days: that would change the count the model describes.
   */
  dayResolution?: boolean;
}

/** Draw streams, so that simulating spend with the purchase seed does not reuse its draws. */
export const STREAM_BG_NBD = 1;
export const STREAM_PARETO_NBD = 2;
export const STREAM_SPEND = 3;
export const STREAM_MBG_NBD = 4;

/** The generator for one stream of a seed. */
export function streamRandom(seed: number, stream: number): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  return new Random(mixSeed(...seedWords(seed), stream));
}

/** Checks the options and allocates the columns, with age filled in and monetary unknown. */
export function allocateCustomers(options: SimulationOptions): SimulatedCustomers {
  const { customers, T } = options;
  if (!Number.isSafeInteger(customers) || customers < 0) {
    throw new RangeError(`customers must be a whole number ≥ 0, got ${customers}`);
  }
  if (!(T > 0 && Number.isFinite(T))) throw new RangeError(`T must be positive, got ${T}`);
  return {
    frequency: new Float64Array(customers),
    recency: new Float64Array(customers),
    age: new Float64Array(customers).fill(T),
    monetary: new Float64Array(customers).fill(NaN),
  };
}

/** Throws unless every named parameter is a positive finite number. */
export function checkPositive(model: string, parameters: Record<string, number>): void {
  for (const [name, value] of Object.entries(parameters)) {
    if (!(value > 0 && Number.isFinite(value))) {
      throw new RangeError(`${model}: ${name} must be positive, got ${value}`);
    }
  }
}

/** Recency in weeks rounded to whole days, never past T (which need not be whole days). */
export function roundToDay(recency: number, T: number): number {
  return Math.min(Math.round(recency * 7) / 7, T);
}
