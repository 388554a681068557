/** Timing and memory helpers shared by the benchmarks. */
import { version as duckdbVersion } from '@duckdb/node-api';
import { cpus, totalmem } from 'node:os';

const MB = 1024 * 1024;

/** How often the resident set size is sampled while a step runs. */
export const RSS_SAMPLE_MS = 50;

export interface Timed<T> {
  value: T;
  /** Wall-clock seconds. */
  seconds: number;
}

/** Runs `work` and measures its wall-clock time. */
export async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

export interface Measured<T> extends Timed<T> {
  /** RSS just before the step, MB. */
  rssBeforeMb: number;
  /** Highest RSS seen while the step ran, MB. */
  rssPeakMb: number;
  /** Peak minus before: what the step itself added, MB. */
  peakRssMb: number;
  /** Number of RSS samples taken. */
  samples: number;
}

/**
 * Runs `work`, timing it and sampling the process's RSS every 50 ms. Native allocations (the
 * DuckDB engine runs in this process) count in RSS, unlike the V8 heap figures. Sampling needs
 * the event loop to be free, which it is while the engine works on its own threads.
 */
export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const before = process.memoryUsage.rss();
  let peak = before;
  let samples = 1;
  const sample = (): void => {
    const rss = process.memoryUsage.rss();
    samples += 1;
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, RSS_SAMPLE_MS);
  try {
    const result = await timed(work);
    sample();
    return {
      ...result,
      rssBeforeMb: before / MB,
      rssPeakMb: peak / MB,
      peakRssMb: (peak - before) / MB,
      samples,
    };
  } finally {
    clearInterval(timer);
  }
}

/** Bytes as MB with one decimal. */
export function megabytes(bytes: number): string {
  return (bytes / MB).toFixed(1);
}

/** What the figures were measured on, written beside them. */
export function machineInfo(): Record<string, string | number | null> {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGb: Number((totalmem() / 1024 ** 3).toFixed(1)),
    platform: `${process.platform}-${process.arch}`,
    node: process.version,
    duckdb: duckdbVersion(),
  };
}
