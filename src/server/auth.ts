import type { FastifyRequest } from 'fastify';
import type { Role } from '../keys/api-keys.js';
import { ClvError } from '../shared/errors.js';
import type { Access } from './route.js';
import type { ServerContext } from './server-context.js';

export interface Caller {
  role: Role;
  /** Null when the server is open (no key needed). */
  keyId: string | null;
}

const callers = new WeakMap<FastifyRequest, Caller>();

/** Failed key checks allowed per address and minute before it gets 429 without a check. */
const FAILURES_PER_MINUTE = 60;
const failures = new Map<string, { count: number; since: number }>();

/**
 * A wrong key costs a full scrypt (tens of ms on a small thread pool) and is never cached, so
 * guessing is limited per address before the rate limit for valid keys ever applies.
 */
function checkFailures(address: string, now: number): void {
  const entry = failures.get(address);
  if (entry && now - entry.since < 60_000 && entry.count >= FAILURES_PER_MINUTE) {
    throw new ClvError('rate_limited', 'too many requests with a wrong key: retry in a minute');
  }
}

function noteFailure(address: string, now: number): void {
  const entry = failures.get(address);
  if (!entry || now - entry.since >= 60_000) {
    // Keep the map small: old windows of other addresses go when a new window starts.
    if (failures.size > 10_000) failures.clear();
    failures.set(address, { count: 1, since: now });
  } else {
    entry.count += 1;
  }
}

/** Who made the request, once `authenticate` has run. */
export function callerOf(request: FastifyRequest): Caller | undefined {
  return callers.get(request);
}

/**
 * Checks the bearer key against the route's access: 401 without a valid key, 403 when the
 * key's role may not call the route. An open server (loopback, no key yet) lets everyone in.
 */
export async function authenticate(
  request: FastifyRequest,
  access: Access,
  context: ServerContext,
): Promise<void> {
  if (access === 'public') return;
  let caller: Caller;
  if (context.isOpen()) {
    caller = { role: 'admin', keyId: null };
  } else {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new ClvError('unauthorized', 'send an API key: Authorization: Bearer KEY');
    }
    const now = Date.now();
    checkFailures(request.ip, now);
    const verified = await context.keys.verify(match[1]);
    if (!verified) {
      noteFailure(request.ip, now);
      throw new ClvError('unauthorized', 'the API key is not valid (or was revoked)');
    }
    caller = verified;
  }
  if (!allows(caller.role, access)) {
    throw new ClvError(
      'forbidden',
      `a ${caller.role} key may not call ${request.method} ${request.routeOptions.url ?? request.url}`,
    );
  }
  callers.set(request, caller);
}

function allows(role: Role, access: Access): boolean {
  return role === 'admin' || role === access;
}
