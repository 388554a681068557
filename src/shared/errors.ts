/** Exit codes of the CLI, also used to pick HTTP statuses. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
} as const;

/**
 * What went wrong, for programs: the CLI turns it into an exit code, the server into a status
 * (usage and bad_input 400, unauthorized 401, forbidden 403, not_found 404, conflict 409,
 * too_large 413, unsupported_type 415, rate_limited 429, busy 503, timeout 504, config and
 * failure 500).
 */
export type ErrorCode =
  | 'usage'
  | 'bad_input'
  | 'not_found'
  | 'config'
  | 'failure'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'too_large'
  | 'unsupported_type'
  | 'rate_limited'
  | 'busy'
  | 'timeout';

/** An error the user can act on: it carries a stable code and never a stack trace to the user. */
export class ClvError extends Error {
  readonly code: ErrorCode;
  /** Machine-readable particulars (e.g. which fields were wrong), shown to API clients. */
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options);
    this.name = 'ClvError';
    this.code = code;
    this.details = options?.details;
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
