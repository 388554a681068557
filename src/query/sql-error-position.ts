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
    // The whole excerpt is looked for, not its first characters, which a repetitive line
    // (`a, a, a, …`) holds much earlier; one that runs to the end of the line ends there.
    const cut = excerpt.length > 6 && excerpt.endsWith('...');
    const shown = excerpt.slice(3, cut ? -3 : undefined);
    const start = cut ? own.indexOf(shown) : own.lastIndexOf(shown);
    column = start < 0 ? column - 3 : start + column - 3;
  }
  return { line, column: Math.max(1, column + 1) };
}
