import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../keys/api-keys.js';
import { LOCAL_OWNER } from '../segments/audiences.js';
import { ClvError } from '../shared/errors.js';
import type { Access } from './route.js';
import type { ServerContext } from './server-context.js';
import type { WrongKeyLimiter } from './wrong-key-limiter.js';

export interface Caller {
  role: Role;
  /** Null when the server is open (no key needed). */
  keyId: string | null;
  /** Who is acting, for owners and audit fields: the key's name (its id when unnamed), `local` when open. */
  name: string;
}

/** The name changes are recorded under when no key is involved: an open server, the CLI. */
export const LOCAL_CALLER = LOCAL_OWNER;

const callers = new WeakMap<FastifyRequest, Caller>();

/** Who made the request, once `authenticate` has run. */
export function callerOf(request: FastifyRequest): Caller | undefined {
  return callers.get(request);
}

/** The name of who made the request, for owner and changed-by fields. */
export function callerName(request: FastifyRequest): string {
  return callers.get(request)?.name ?? LOCAL_CALLER;
}

/**
 * Checks the bearer key against the route's access: 401 without a valid key, 403 when the
 * key's role may not call the route. An open server (loopback, no key yet) lets everyone in.
 */
export async function authenticate(
  request: FastifyRequest,
  access: Access,
  context: ServerContext,
  wrongKeys: WrongKeyLimiter,
): Promise<void> {
  if (access === 'public') return;
  let caller: Caller;
  if (context.isOpen()) {
    caller = { role: 'admin', keyId: null, name: LOCAL_CALLER };
  } else {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new ClvError('unauthorized', 'send an API key: Authorization: Bearer KEY');
    }
    caller =
      context.keys.remembered(match[1]) ?? (await check(request, match[1], context, wrongKeys));
  }
  if (!allows(caller.role, access)) {
    throw new ClvError(
      'forbidden',
      `a ${caller.role} key may not call ${request.method} ${request.routeOptions.url ?? request.url}`,
    );
  }
  callers.set(request, caller);
}

/** A key not verified before: checked unless too many wrong keys came (see WrongKeyLimiter). */
async function check(
  request: FastifyRequest,
  key: string,
  context: ServerContext,
  wrongKeys: WrongKeyLimiter,
): Promise<Caller> {
  const now = Date.now();
  const keyId = context.keys.claimedId(key);
  const wait = wrongKeys.waitBeforeCheck(request.ip, keyId, now);
  if (wait > 0) {
    throw new ClvError(
      'rate_limited',
      `too many requests with a wrong key: retry in ${Math.ceil(wait / 1000)} s`,
    );
  }
  const verified = await context.keys.verify(key);
  if (!verified) {
    wrongKeys.noteFailure(request.ip, keyId, now);
    throw new ClvError('unauthorized', 'the API key is not valid (or was revoked)');
  }
  return verified;
}

/**
 * The header a restarted server sends its own requests with, asking again the answers read
 * before it stopped (see `recent-answers.ts`): it holds a secret made at start and never shown.
 */
export const WARM_UP_HEADER = 'x-clv-warm-up';

/** Whether these headers carry the server's own warm-up secret (never true without one). */
export function isWarmUp(headers: IncomingHttpHeaders, secret: string): boolean {
  const sent = headers[WARM_UP_HEADER];
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  const expected = Buffer.from(secret);
  return secret !== '' && given.length === expected.length && timingSafeEqual(given, expected);
}

/** Who asks those answers: a reader with a rate limit of its own. */
const WARM_UP_CALLER: Caller = { role: 'read', keyId: '(warm-up)', name: 'warm-up' };

/**
 * Lets a request carrying the warm-up header in as a reader: only with the server's own secret,
 * only for an answer it caches (GET, read by the derived tables alone). Anything else with the
 * header is a 401, whatever keys it also sends.
 */
export function authenticateWarmUp(request: FastifyRequest, secret: string, cached: boolean): void {
  if (!isWarmUp(request.headers, secret) || !cached || request.method !== 'GET') {
    throw new ClvError('unauthorized', `${WARM_UP_HEADER} is the server's own: send an API key`);
  }
  callers.set(request, WARM_UP_CALLER);
}

function allows(role: Role, access: Access): boolean {
  return role === 'admin' || role === access;
}
