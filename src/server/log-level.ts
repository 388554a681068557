/** How much `clv serve` logs: `info` (the default) is concise, `debug` adds every request. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A request slower than this is logged (as a warning) at every level but `error`. */
export const SLOW_REQUEST_MS = 1_000;

/** Whether each request is logged, as Fastify does it: only at `debug`. */
export function logsEveryRequest(level: LogLevel): boolean {
  return level === 'debug';
}
