/** A number to store or send: itself when finite, else null (NaN and Infinity never leave). */
export function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
