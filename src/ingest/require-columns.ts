import { ClvError } from '../shared/errors.js';
import type { Staged } from '../store/staged.js';

/** Fails at once when a file with a header lacks a column every row needs. */
export function requireColumns(
  staged: Staged,
  required: readonly { key: string; name: string }[],
): void {
  const columns = staged.columns;
  if (columns === null) return;
  const has = (name: string): boolean =>
    columns.some((c) => c.toLowerCase() === name.toLowerCase());
  const missing = required.filter(({ name }) => !has(name));
  if (missing.length === 0) return;
  throw new ClvError(
    'bad_input',
    `the file has no column ${missing.map((m) => `"${m.name}" (${m.key})`).join(', ')}; ` +
      `its columns are: ${columns.join(', ')}`,
  );
}
