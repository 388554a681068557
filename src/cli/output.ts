import { ClvError, exitCodeOf, messageOf } from '../shared/errors.js';

/** Where a command writes: JSON for programs, text for people. */
export interface Output {
  json: boolean;
  /** Writes the command's result: the JSON document, or the human text. */
  result(data: unknown, human: () => string): void;
  /** A line for people only (never mixed into JSON output), on stderr. */
  note(line: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    result(data, human) {
      process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
    },
    note(line) {
      if (!json) process.stderr.write(`${line}\n`);
    },
  };
}

/**
 * Below the edges a message names a parameter as the API does, in backticks (`holdoutFrom`);
 * on the command line it is the option the user typed (--holdout-from).
 */
export function asOptions(message: string): string {
  return message.replace(
    /`([a-z][A-Za-z]*)`/g,
    (_, name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
  );
}

/** Prints an error in the output's format and returns the exit code for it. */
export function reportError(error: unknown, json: boolean): number {
  const code = error instanceof ClvError ? error.code : 'failure';
  const message = asOptions(messageOf(error));
  if (json) {
    process.stdout.write(`${JSON.stringify({ error: { code, message } }, null, 2)}\n`);
  } else {
    process.stderr.write(`clv: ${message}\n`);
    // The engine's own words (its SQL, its reader's report) are for whoever debugs, on request.
    const detail = error instanceof ClvError ? error.cause : error;
    if (process.env['CLV_DEBUG'] && detail instanceof Error) {
      process.stderr.write(`${detail.stack ?? detail.message}\n`);
    }
  }
  return exitCodeOf(error);
}

const NUMBER_TEXT = /^[-+]?\d[\d,]*(\.\d+)?( %)?$/;
// Enough for the finest number a report rounds to; floating-point noise stays out.
const MAX_DECIMALS = 4;

/** How many decimals a number shows when printed plainly (`0.25` has 2). */
function decimalsOf(value: number): number {
  const text = String(value);
  if (/e/i.test(text)) return MAX_DECIMALS;
  const point = text.indexOf('.');
  return point < 0 ? 0 : Math.min(text.length - point - 1, MAX_DECIMALS);
}

/**
 * A plain text table. Numbers get thousands separators and, per column, one number of
 * decimals (the most any of its numbers has); they and number-like text are right-aligned,
 * as is a dash standing for a missing number.
 */
export function table(rows: readonly (readonly (string | number)[])[]): string {
  const decimals: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (typeof cell === 'number' && Number.isFinite(cell)) {
        decimals[i] = Math.max(decimals[i] ?? 0, decimalsOf(cell));
      }
    });
  }
  const texts = rows.map((row) =>
    row.map((cell, i) => {
      if (typeof cell !== 'number') return { text: cell, right: NUMBER_TEXT.test(cell) };
      const digits = decimals[i] ?? 0;
      const text = Number.isFinite(cell)
        ? cell.toLocaleString('en', {
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
          })
        : '-';
      return { text, right: true };
    }),
  );
  const numeric = decimals.map((d) => d !== undefined);
  const widths: number[] = [];
  for (const row of texts) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.text.length);
    });
  }
  return texts
    .map((row) =>
      row
        .map(({ text, right }, i) =>
          right || (text === '-' && numeric[i])
            ? text.padStart(widths[i] ?? 0)
            : text.padEnd(widths[i] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
