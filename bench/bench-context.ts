/** What `bench/run.ts` hands each benchmark, and what a benchmark module exports. */
import type { EventsFile } from './make-events-csv.js';

export interface BenchContext {
  /** Rows of generated input (`--rows`): the import benchmark's size. */
  rows: number;
  /** Customers of the demo shop (`--customers`): the refresh and predict benchmarks' size. */
  customers: number;
  /**
   * A smoke run (`--smoke`): every benchmark at a tiny size and its shortest duration, to show
   * that it still completes (`npm test` runs them so); its figures mean nothing.
   */
  smoke: boolean;
  /** The project's root folder. */
  rootDir: string;
  /** The `bench/` folder. */
  benchDir: string;
  /** Where inputs and built stores are cached between runs (`--cache`, default `bench/.cache/`). */
  cacheDir: string;
  /** The events CSV of `rows` rows, generated on first use and cached in `cacheDir`. */
  eventsFile(): Promise<EventsFile>;
  /** Writes `<name>.json` into the results folder (`--results`, default `bench/results/`) and returns its path. */
  writeResults(name: string, results: unknown): Promise<string>;
}

export interface BenchModule {
  run(context: BenchContext): Promise<void>;
}
