import type { FastifyInstance } from 'fastify';
import { WARM_UP_HEADER } from './auth.js';
import type { ResponseCache } from './response-cache.js';

export interface WarmedAnswer {
  request: string;
  /** The HTTP status it was answered with. */
  status: number;
}

export interface WarmUp {
  /** Settles once every request was asked again, or the warm-up was stopped: what was asked. */
  done: Promise<WarmedAnswer[]>;
  /** Stops before the next request; settles when the one under way is answered. */
  stop(): Promise<WarmedAnswer[]>;
}

/**
 * Asks again, one at a time and through the whole HTTP path (checks, validation, the cache), the
 * requests whose answers were read most recently before the server stopped, so that the first
 * visitor after a start finds them computed. Meanwhile the status says `answersRenewing`. It
 * stops when a refresh starts (that refresh renews what was read) or when the server stops; an
 * answer that fails is left for a caller to meet.
 */
export function warmUpAnswers(
  app: FastifyInstance,
  cache: ResponseCache,
  requests: readonly string[],
  secret: string,
): WarmUp {
  let stopped = false;
  const warmed: WarmedAnswer[] = [];
  const done = cache
    .renewWith(async (current) => {
      for (const request of requests) {
        if (stopped || !current()) return;
        const reply = await app
          .inject({ method: 'GET', url: request, headers: { [WARM_UP_HEADER]: secret } })
          .catch(() => null);
        warmed.push({ request, status: reply?.statusCode ?? 0 });
      }
      // Asked the most recent first, so that it is ready first; kept in the order they were read.
      if (current()) cache.arrange(requests);
    })
    .then(() => warmed);
  return {
    done,
    stop() {
      stopped = true;
      return done;
    },
  };
}
