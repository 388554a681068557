// Where in the SQL a query's error lies: the server's 1-based line and column, as an editor offset.
import { ApiError } from '../../api/client';

export interface SqlPosition {
  line: number;
  column: number;
}

const isPosition = (value: unknown): value is SqlPosition => {
  if (typeof value !== 'object' || value === null) return false;
  const { line, column } = value as Record<string, unknown>;
  return Number.isInteger(line) && Number.isInteger(column) && Number(line) >= 1;
};

/** The line and column a 400's details name, or null when the engine named none. */
export function errorPosition(error: unknown): SqlPosition | null {
  if (!(error instanceof ApiError) || !isPosition(error.details)) return null;
  return { line: error.details.line, column: Math.max(1, error.details.column) };
}

/**
 * The offset of a 1-based line and column in the text, kept inside the text: a column past
 * the end of its line is the line's end, a line past the last is the text's end.
 */
export function offsetOf(text: string, position: SqlPosition): number {
  const lines = text.split('\n');
  if (position.line > lines.length) return text.length;
  let offset = 0;
  for (let i = 0; i < position.line - 1; i += 1) offset += (lines[i] ?? '').length + 1;
  const line = lines[position.line - 1] ?? '';
  return offset + Math.min(position.column - 1, line.length);
}

/** "line 2, column 5", as the error's note says it. */
export function positionText(position: SqlPosition): string {
  return `line ${position.line}, column ${position.column}`;
}
