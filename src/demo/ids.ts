/** Zero-padded ids with at least `minDigits` digits, all of one width for a run of `total`. */
export function idFormatter(prefix: string, total: number, minDigits: number) {
  const width = Math.max(minDigits, String(total).length);
  return (n: number): string => `${prefix}${String(n).padStart(width, '0')}`;
}
