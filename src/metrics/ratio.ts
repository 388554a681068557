/** a / b, or null when it cannot be computed: a null input or a zero denominator. */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || b === 0) return null;
  const value = a / b;
  return Number.isFinite(value) ? value : null;
}

/** The mean of the values, or null for none. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** (value − previous) / previous, null when either is null or previous is 0. */
export function change(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null) return null;
  return ratio(value - previous, previous);
}
