import type { FastifyRequest } from 'fastify';
import { ClvError } from '../shared/errors.js';

/** A host as a Host header or an origin names it: lower-case name or address, and port. */
interface HostPort {
  name: string;
  port: number;
}

/** Names that always mean this machine; an attacker's DNS cannot answer for them. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Methods that change nothing: browsers may send them across sites, as links and images do. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const HOST = /^(\[[0-9a-f:.]+\]|[^:[\]\s/]+)(?::(\d{1,5}))?$/;

/** Reads `name[:port]` (port 80 when absent), or null when it is not a host. */
export function parseHost(text: string, defaultPort = 80): HostPort | null {
  const match = HOST.exec(text.trim().toLowerCase());
  if (!match?.[1]) return null;
  return { name: match[1], port: match[2] === undefined ? defaultPort : Number(match[2]) };
}

/**
 * Which hosts a request may be addressed to: the loopback names and the address the connection
 * came in on, at the port it came in on, and the configured names (`name` at any port,
 * `name:port` at that one).
 */
export class AllowedHosts {
  private readonly names = new Set<string>();
  private readonly hostPorts = new Set<string>();

  constructor(configured: readonly string[]) {
    for (const entry of configured) {
      const lower = entry.trim().toLowerCase();
      if (/:\d+$/.test(lower) && !lower.endsWith(']')) this.hostPorts.add(lower);
      else this.names.add(lower);
    }
  }

  /** Whether `host` names this server, for a connection to `localAddress`:`localPort`. */
  allows(host: HostPort, localAddress: string | undefined, localPort: number | undefined): boolean {
    if (this.names.has(host.name) || this.hostPorts.has(`${host.name}:${host.port}`)) return true;
    // No local port: a request injected in-process (tests), which no browser can send.
    if (localPort !== undefined && host.port !== localPort) return false;
    return LOOPBACK_NAMES.has(host.name) || host.name === bracketed(localAddress);
  }
}

/**
 * Refuses requests that a browser was tricked into sending (403): a Host header that is not
 * this server's (DNS rebinding: a page of evil.example whose name now points at 127.0.0.1), and
 * a request that changes state from another site's page (its Origin is not this server, or the
 * browser marks it cross-site). Programs that send no Origin are not affected.
 */
export function guardRequest(request: FastifyRequest, allowed: AllowedHosts): void {
  const { localAddress, localPort } = request.socket;
  const hostHeader = request.headers.host;
  const host = hostHeader === undefined ? null : parseHost(hostHeader);
  if (!host || !allowed.allows(host, localAddress, localPort)) {
    throw new ClvError(
      'forbidden',
      `the Host header ${JSON.stringify(hostHeader ?? '')} does not name this server: use ` +
        `127.0.0.1:${localPort}, localhost:${localPort}, [::1]:${localPort}, or add the name ` +
        `to server.allowedHosts in clv.config.json`,
    );
  }
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const from = originHost(origin);
    if (!from || !allowed.allows(from, localAddress, localPort)) {
      throw new ClvError(
        'forbidden',
        `cross-site request refused: the page at ${JSON.stringify(origin)} is not this ` +
          `server's (add its name to server.allowedHosts if it is)`,
      );
    }
  } else if (request.headers['sec-fetch-site'] === 'cross-site') {
    throw new ClvError('forbidden', 'cross-site request refused (Sec-Fetch-Site: cross-site)');
  }
}

/** The host of an Origin header; null for `null` (sandboxed pages, files) and anything odd. */
function originHost(origin: string): HostPort | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return parseHost(url.host, url.protocol === 'https:' ? 443 : 80);
}

/** An address as a Host header writes it: IPv6 in brackets, IPv4 mapped to IPv6 as IPv4. */
function bracketed(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const lower = address.toLowerCase();
  if (lower.startsWith('::ffff:') && lower.includes('.')) return lower.slice(7);
  return lower.includes(':') ? `[${lower}]` : lower;
}
