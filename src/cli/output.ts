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

/** Prints an error in the output's format and returns the exit code for it. */
export function reportError(error: unknown, json: boolean): number {
  const code = error instanceof ClvError ? error.code : 'failure';
  const message = messageOf(error);
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

/** A plain text table with right-aligned numbers. */
export function table(rows: readonly (readonly (string | number)[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, String(cell).length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          typeof cell === 'number'
            ? String(cell).padStart(widths[i] ?? 0)
            : String(cell).padEnd(widths[i] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
