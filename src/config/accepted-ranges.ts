import type { Config } from './schema.js';

/** The largest exchange rate accepted: a rate above it is a mistake, not a currency. */
export const MAX_RATE = 1e9;

/**
 * The values an import accepts, fixed when it starts. Events outside them are rejected with a
 * reason, and a refresh leaves out any stored row outside them (one written by an older
 * version, or before the config changed), so no accepted row can break the derived tables.
 */
export interface AcceptedRanges {
  /** Earliest event time, as the config gives it (read in the project's zone). */
  minTimestamp: string;
  /** Latest event time: the config's, or one year after `now`, in UTC. */
  maxTimestamp: string;
  /** Largest amount, as given and once converted to the base currency. */
  maxAmount: number;
}

/** The accepted ranges of `config` at the wall-clock time `now`. */
export function acceptedRanges(config: Config, now: Date = new Date()): AcceptedRanges {
  const limits = config.import;
  let maxTimestamp = limits.maxTimestamp;
  if (maxTimestamp === null) {
    const yearOn = new Date(now);
    yearOn.setUTCFullYear(yearOn.getUTCFullYear() + 1);
    maxTimestamp = `${yearOn.toISOString().slice(0, 19)}Z`;
  }
  return { minTimestamp: limits.minTimestamp, maxTimestamp, maxAmount: limits.maxAmount };
}

/** How a limit reads in a reason: its value and where it comes from. */
export function describeLimits(
  config: Config,
  ranges: AcceptedRanges,
): {
  min: string;
  max: string;
  amount: string;
} {
  return {
    min: `${ranges.minTimestamp} (import.minTimestamp)`,
    max:
      config.import.maxTimestamp === null
        ? `${ranges.maxTimestamp} (a year after the import; import.maxTimestamp)`
        : `${ranges.maxTimestamp} (import.maxTimestamp)`,
    amount: `${formatLimit(ranges.maxAmount)} (import.maxAmount)`,
  };
}

/** 1e13 as 10000000000000: the way people write a limit in a config file. */
function formatLimit(value: number): string {
  return value.toLocaleString('en', { useGrouping: false, maximumFractionDigits: 6 });
}
