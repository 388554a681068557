import type { SqlPosition } from './worker-protocol.js';

const LINE = /^LINE (\d+): (.*)$/;

/**
 * The position an engine error points at, from the "LINE n: …" excerpt and its caret line that
 * the engine appends, or null when it names none. The engine cuts long lines to an excerpt
 * starting with "...": the excerpt is found in the statement's own line to place the caret.
 */
export function sqlErrorPosition(message: string, sql: string): SqlPosition | null {
  const lines = message.split('\n');
  const at = lines.findIndex((text) => LINE.test(text));
  if (at < 0) return null;
  const match = LINE.exec(lines[at] ?? '');
  const caret = (lines[at + 1] ?? '').indexOf('^');
  if (!match || caret < 0) return null;
  const line = Number(match[1]);
  const prefix = match[0].length - (match[2] ?? '').length;
  let column = caret - prefix;
  const excerpt = match[2] ?? '';
  if (excerpt.startsWith('...')) {
    const own = sql.split('\n')[line - 1] ?? '';
    const shown = excerpt.slice(3).replace(/\.\.\.$/, '');
    const start = own.indexOf(shown.slice(0, Math.min(shown.length, 40)));
    column = start < 0 ? column - 3 : start + column - 3;
  }
  return { line, column: Math.max(1, column + 1) };
}
