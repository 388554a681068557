import type { Command } from 'commander';
import {
  createKey,
  listKeys,
  revokeKey,
  type ApiKeyInfo,
  type CreatedKey,
} from '../../keys/api-keys.js';
import { outputFor, withProjectStore } from '../context.js';
import { table } from '../output.js';

function describeKeys(keys: readonly ApiKeyInfo[]): string {
  if (keys.length === 0) return 'no API keys yet: clv key create --role ingest|read|admin';
  return table([
    ['id', 'role', 'name', 'created', 'revoked'],
    ...keys.map((k) => [k.keyId, k.role, k.name ?? '-', k.createdAt, k.revokedAt ?? '-']),
  ]);
}

export function registerKey(program: Command): void {
  const key = program
    .command('key')
    .description('API keys for clv serve: create, list and revoke (only hashes are stored)');
  key
    .command('create')
    .description('create a key and print it once: it cannot be shown again')
    .requiredOption('--role <role>', 'ingest (send events), read (dashboard and API) or admin')
    .option('--name <name>', 'what the key is for, up to 100 characters')
    .action(async (options: { role: string; name?: string }, command: Command) => {
      const output = outputFor(command);
      const created = await withProjectStore(
        command,
        (_project, warehouse) => createKey(warehouse, options),
        (server) => server.send<CreatedKey>('POST', '/keys', options),
      );
      // The key alone on stdout, so that `KEY=$(clv key create ...)` captures just the key.
      output.result(created, () => created.key);
      output.note(
        `created ${created.role} key ${created.keyId}${created.name ? ` (${created.name})` : ''}: ` +
          'store it now, it cannot be shown again',
      );
    });
  key
    .command('list')
    .description('list the keys with their roles and revocation times, never the keys themselves')
    .action(async (_options: unknown, command: Command) => {
      const output = outputFor(command);
      const keys = await withProjectStore(
        command,
        (_project, warehouse) => listKeys(warehouse),
        (server) => server.get<ApiKeyInfo[]>('/keys'),
      );
      output.result(keys, () => describeKeys(keys));
    });
  key
    .command('revoke')
    .description('revoke a key by its id; a running server stops accepting it on its next reload')
    .argument('<key-id>', 'the id shown by clv key list')
    .action(async (keyId: string, _options: unknown, command: Command) => {
      const output = outputFor(command);
      const revoked = await withProjectStore(
        command,
        (_project, warehouse) => revokeKey(warehouse, keyId),
        (server) =>
          server.send<Awaited<ReturnType<typeof revokeKey>>>(
            'DELETE',
            `/keys/${encodeURIComponent(keyId)}`,
          ),
      );
      output.result(revoked, () => `revoked key ${revoked.keyId} (at ${revoked.revokedAt})`);
    });
}
