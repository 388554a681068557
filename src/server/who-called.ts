import type { FastifyRequest } from 'fastify';
import { callerOf } from './auth.js';
import type { ServerContext } from './server-context.js';

/** Who made a request, as records name them: the API key's name (or id), or `local` when open. */
export async function whoCalled(request: FastifyRequest, context: ServerContext): Promise<string> {
  const keyId = callerOf(request)?.keyId ?? null;
  if (keyId === null) return 'local';
  const [row] = await context.reads.use((w) =>
    w.query<{ name: string | null }>(`SELECT name FROM api_keys WHERE key_id = $keyId`, { keyId }),
  );
  return row?.name ?? keyId;
}
