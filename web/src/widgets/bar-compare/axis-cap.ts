// A value axis that ignores a far outlier: rolling CLV of a month whose churn was almost 0 is
// a thousand times the others and would flatten every other bar to the baseline.

/** The smallest of 1, 2, 2.5, 5 × a power of ten that is at least x (x > 0). */
export function niceCeil(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= x * (1 - 1e-12)) ?? 10;
  return step * power;
}

/**
 * The axis maximum to cut bars at when the largest value is more than `ratio` times the
 * median of the positive values, else null (the chart scales itself).
 */
export function axisCap(values: readonly (number | null)[], ratio = 5): number | null {
  const sorted = values
    .filter((v): v is number => v !== null && Number.isFinite(v) && v > 0)
    .sort((a, b) => a - b);
  if (sorted.length < 4) return null;
  const half = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 0 ? ((sorted[half - 1] ?? 0) + (sorted[half] ?? 0)) / 2 : sorted[half];
  const max = sorted[sorted.length - 1];
  if (median === undefined || max === undefined || max <= ratio * median) return null;
  return niceCeil(3 * median);
}
