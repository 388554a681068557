/** Exit codes of the CLI, also used to pick HTTP statuses. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
} as const;

export type ErrorCode = 'usage' | 'bad_input' | 'not_found' | 'config' | 'failure';

/** An error the user can act on: it carries a stable code and never a stack trace to the user. */
export class ClvError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClvError';
    this.code = code;
  }

  get exitCode(): number {
    return this.code === 'failure' ? ExitCode.failure : ExitCode.usage;
  }
}

/** The exit code for any thrown value: user errors are 2, everything else 1. */
export function exitCodeOf(error: unknown): number {
  return error instanceof ClvError ? error.exitCode : ExitCode.failure;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
