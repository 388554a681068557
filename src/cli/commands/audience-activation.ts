import type { Command } from 'commander';
import {
  createActivation,
  listActivations,
  stopActivation,
  type ActivationInfo,
} from '../../destinations/activations.js';
import { listDeliveries, type DeliveryInfo } from '../../destinations/deliveries.js';
import { directAccess } from '../../destinations/store-access.js';
import { syncDeliveries, type SyncOutcome } from '../../destinations/sync-deliveries.js';
import { ClvError } from '../../shared/errors.js';
import { outputFor, withProjectStore } from '../context.js';
import { table } from '../output.js';
import type { RemoteServer } from '../remote-server.js';

/** The `audience` command, made here when the audience commands have not made it yet. */
function audienceCommand(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === 'audience') ??
    program.command('audience').description('saved customer audiences and where they are sent')
  );
}

function describeActivations(activations: readonly ActivationInfo[]): string {
  if (activations.length === 0)
    return 'no activations yet: clv audience activate ID --destination DST';
  return table([
    [
      'id',
      'audience',
      'destination',
      'state',
      'holdout',
      'controls',
      'pending',
      'delivered',
      'dead',
      'last error',
    ],
    ...activations.map((a) => [
      a.id,
      a.audienceId,
      a.destinationId,
      a.state,
      a.holdoutShare,
      a.controlMembers,
      a.pending,
      a.delivered,
      a.dead,
      a.lastError ?? '-',
    ]),
  ]);
}

function describeDeliveries(deliveries: readonly DeliveryInfo[]): string {
  if (deliveries.length === 0) return 'no deliveries yet: clv audience sync';
  return table([
    [
      'delivery (idempotency key)',
      'kind',
      'created',
      'members',
      'in',
      'out',
      'status',
      'attempts',
      'last error',
    ],
    ...deliveries.map((d) => [
      d.id,
      d.kind,
      d.createdAt,
      d.members,
      d.entries,
      d.exits,
      d.status,
      d.attempts,
      d.lastError ?? '-',
    ]),
  ]);
}

function describeSync(outcome: SyncOutcome): string {
  return (
    `queued ${outcome.queued} deliveries (${outcome.entries} entries, ${outcome.exits} exits); ` +
    `attempted ${outcome.attempted}: ${outcome.delivered} delivered, ${outcome.retrying} to retry, ${outcome.dead} dead`
  );
}

function holdoutOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const share = Number(text);
  if (text.trim() === '' || !Number.isFinite(share)) {
    throw new ClvError('usage', '--holdout must be a share from 0 to 0.5, e.g. 0.1');
  }
  return share;
}

/** A sync by the running server: one activation, or each active one in turn. */
async function syncThrough(server: RemoteServer, activationId?: string): Promise<SyncOutcome> {
  const ids = activationId
    ? [activationId]
    : (await server.get<{ activations: ActivationInfo[] }>('/activations')).activations
        .filter((a) => a.state === 'active')
        .map((a) => a.id);
  const total: SyncOutcome = {
    queued: 0,
    entries: 0,
    exits: 0,
    attempted: 0,
    delivered: 0,
    retrying: 0,
    dead: 0,
  };
  for (const id of ids) {
    const one = await server.send<SyncOutcome>(
      'POST',
      `/activations/${encodeURIComponent(id)}/sync`,
    );
    for (const key of Object.keys(total) as (keyof SyncOutcome)[]) total[key] += one[key];
  }
  return total;
}

/**
 * `clv audience activate|activations|deliveries|deactivate|sync`: added to the `audience`
 * command whichever file registers first.
 */
export function registerAudienceActivation(program: Command): void {
  const audience = audienceCommand(program);
  audience
    .command('activate')
    .description('send an audience to a destination: its full membership, then its changes')
    .argument('<audience-id>', 'the audience (aud_…)')
    .requiredOption('--destination <id>', 'the destination (dst_…), see clv destination list')
    .option('--holdout <share>', 'withhold this share (0 to 0.5) as a control group')
    .action(
      async (
        audienceId: string,
        options: { destination: string; holdout?: string },
        command: Command,
      ) => {
        const output = outputFor(command);
        const body = {
          destinationId: options.destination,
          holdoutShare: holdoutOf(options.holdout),
        };
        const activation = await withProjectStore(
          command,
          (_project, warehouse) => createActivation(warehouse, { audienceId, ...body }, 'local'),
          (server) =>
            server.send<ActivationInfo>(
              'POST',
              `/audiences/${encodeURIComponent(audienceId)}/activations`,
              body,
            ),
        );
        output.result(
          activation,
          () =>
            `activated ${activation.audienceId} → ${activation.destinationId} as ${activation.id}` +
            `${activation.holdoutShare > 0 ? ` (holdout ${activation.holdoutShare})` : ''}: clv audience sync sends it`,
        );
      },
    );
  audience
    .command('activations')
    .description('list the activations and the state of their deliveries')
    .option('--audience <id>', "only this audience's")
    .action(async (options: { audience?: string }, command: Command) => {
      const output = outputFor(command);
      const activations = await withProjectStore(
        command,
        (_project, warehouse) => listActivations(warehouse, { audienceId: options.audience }),
        async (server) =>
          (
            await server.get<{ activations: ActivationInfo[] }>('/activations', {
              audienceId: options.audience,
            })
          ).activations,
      );
      output.result(activations, () => describeActivations(activations));
    });
  audience
    .command('deliveries')
    .description("an activation's delivery log, newest first")
    .argument('<activation-id>', 'the activation (act_…)')
    .action(async (activationId: string, _options: unknown, command: Command) => {
      const output = outputFor(command);
      const deliveries = await withProjectStore(
        command,
        (_project, warehouse) => listDeliveries(warehouse, activationId),
        async (server) =>
          (
            await server.get<{ deliveries: DeliveryInfo[] }>(
              `/activations/${encodeURIComponent(activationId)}/deliveries`,
            )
          ).deliveries,
      );
      output.result(deliveries, () => describeDeliveries(deliveries));
    });
  audience
    .command('deactivate')
    .description('stop an activation: nothing more is queued, pending deliveries are given up')
    .argument('<activation-id>', 'the activation (act_…)')
    .action(async (activationId: string, _options: unknown, command: Command) => {
      const output = outputFor(command);
      const stopped = await withProjectStore(
        command,
        (_project, warehouse) => stopActivation(warehouse, activationId),
        (server) =>
          server.send<ActivationInfo>('DELETE', `/activations/${encodeURIComponent(activationId)}`),
      );
      output.result(stopped, () => `stopped ${stopped.id}`);
    });
  audience
    .command('sync')
    .description("queue the audiences' new entries and exits and deliver what is due now")
    .option('--activation <id>', 'only this activation')
    .action(async (options: { activation?: string }, command: Command) => {
      const output = outputFor(command);
      const outcome = await withProjectStore(
        command,
        (project, warehouse) =>
          syncDeliveries(directAccess(warehouse), {
            projectDir: project.dir,
            settings: project.config.destinations,
            activationId: options.activation,
          }),
        (server) => syncThrough(server, options.activation),
      );
      output.result(outcome, () => describeSync(outcome));
      if (outcome.retrying > 0 || outcome.dead > 0) process.exitCode = 1;
    });
}
