/**
 * A text field of a CSV file, quoted when it holds a comma, quote or line break; a leading
 * =+-@ is defused for spreadsheets, which would run it as a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
