import { z } from 'zod';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { isoColumn, systemClock, timestampText, type Clock } from './clock.js';
import {
  DESTINATION_KINDS,
  needsSecret,
  parseSettings,
  type DestinationKind,
  type DestinationSettings,
} from './destination-config.js';
import { isId, newId } from './ids.js';
import { projectKey, seal, unseal } from './secret-box.js';

const NAME_MAX = 100;
const SECRET_MAX = 4096;

/** A destination as it may be shown: its config holds no secret, `hasSecret` says if one is set. */
export interface DestinationInfo {
  id: string;
  name: string;
  kind: DestinationKind;
  enabled: boolean;
  config: Record<string, unknown>;
  hasSecret: boolean;
  createdAt: string;
  createdBy: string;
}

/** A destination ready to deliver to, its secret opened. Never leaves the delivery code. */
export interface LoadedDestination {
  id: string;
  name: string;
  enabled: boolean;
  settings: DestinationSettings;
  secret: string | null;
}

export interface NewDestination {
  name: string;
  kind: string;
  config?: unknown;
  secret?: string;
  enabled?: boolean;
}

type DestinationRow = {
  destination_id: string;
  name: string;
  kind: DestinationKind;
  enabled: boolean;
  config: string;
  sealed_secret: string | null;
  created_at: string;
  created_by: string;
};

const COLUMNS = `destination_id, name, kind, enabled, config::VARCHAR AS config, sealed_secret,
  ${isoColumn('created_at')} AS created_at, created_by`;

function info(row: DestinationRow): DestinationInfo {
  return {
    id: row.destination_id,
    name: row.name,
    kind: row.kind,
    enabled: row.enabled,
    config: JSON.parse(row.config) as Record<string, unknown>,
    hasSecret: row.sealed_secret !== null,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

function checkKind(kind: string): DestinationKind {
  const known = DESTINATION_KINDS.find((k) => k === kind);
  if (!known) throw new ClvError('usage', 'a destination kind is csv, webhook or email-list');
  return known;
}

function checkSettings(kind: DestinationKind, config: unknown): DestinationSettings {
  try {
    return parseSettings(kind, config ?? {});
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    const problems = error.issues.map((i) => `config.${i.path.join('.') || '?'}: ${i.message}`);
    throw new ClvError('usage', `${kind} destination: ${problems.join('; ')}`);
  }
}

function checkName(name: string): string {
  const trimmed = name.trim();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (trimmed === '' || trimmed.length > NAME_MAX || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new ClvError('usage', `a destination's name is 1 to ${NAME_MAX} printable characters`);
  }
  return trimmed;
}

function checkSecret(kind: DestinationKind, secret: string | undefined): string | null {
  if (!needsSecret(kind)) {
    if (secret !== undefined) throw new ClvError('usage', 'a csv destination takes no secret');
    return null;
  }
  const what = kind === 'webhook' ? 'signing secret' : 'bearer token';
  if (secret === undefined || secret.length === 0) {
    throw new ClvError('usage', `a ${kind} destination needs a \`secret\` (its ${what})`);
  }
  if (secret.length > SECRET_MAX) {
    throw new ClvError('usage', `a secret is at most ${SECRET_MAX} characters`);
  }
  return secret;
}

/** Adds a destination; its secret is stored sealed with the project's key file. */
export async function addDestination(
  warehouse: Warehouse,
  projectDir: string,
  input: NewDestination,
  who: string,
  clock: Clock = systemClock,
): Promise<DestinationInfo> {
  const name = checkName(input.name);
  const kind = checkKind(input.kind);
  const settings = checkSettings(kind, input.config);
  const secret = checkSecret(kind, input.secret);
  const id = newId('dst');
  const sealed = secret === null ? null : seal(await projectKey(projectDir), secret, id);
  const [row] = await warehouse.query<DestinationRow>(
    `INSERT INTO destinations VALUES ($id, $name, $kind, $enabled, $config::JSON, $sealed,
       $at::TIMESTAMP, $who, NULL)
     RETURNING ${COLUMNS}`,
    {
      id,
      name,
      kind,
      enabled: input.enabled ?? true,
      config: JSON.stringify(settings.config),
      sealed,
      at: timestampText(clock()),
      who,
    },
  );
  if (!row) throw new Error('the destination was not stored');
  return info(row);
}

/** Every destination not removed, oldest first, without secrets. */
export async function listDestinations(warehouse: Warehouse): Promise<DestinationInfo[]> {
  const rows = await warehouse.query<DestinationRow>(
    `SELECT ${COLUMNS} FROM destinations WHERE deleted_at IS NULL
     ORDER BY created_at, destination_id`,
  );
  return rows.map(info);
}

/**
 * Removes a destination: its activations stop, their pending deliveries are given up, and its
 * secret is erased; the row stays so that delivery logs still name it.
 */
export async function removeDestination(
  warehouse: Warehouse,
  id: string,
  clock: Clock = systemClock,
): Promise<{ deleted: string }> {
  await findRow(warehouse, id);
  const at = timestampText(clock());
  await warehouse.transaction(async () => {
    await warehouse.run(
      `UPDATE destinations SET deleted_at = $at::TIMESTAMP, sealed_secret = NULL, enabled = false
       WHERE destination_id = $id`,
      { id, at },
    );
    await warehouse.run(
      `UPDATE activations SET stopped_at = $at::TIMESTAMP
       WHERE destination_id = $id AND stopped_at IS NULL`,
      { id, at },
    );
    await warehouse.run(
      `UPDATE deliveries SET status = 'dead', next_attempt_at = NULL,
         last_error = coalesce(last_error || '; ', '') || 'the destination was removed before delivery'
       WHERE status = 'pending' AND activation_id IN (
         SELECT activation_id FROM activations WHERE destination_id = $id)`,
      { id },
    );
  });
  return { deleted: id };
}

async function findRow(warehouse: Warehouse, id: string): Promise<DestinationRow> {
  const shown = isId('dst', id) ? ` ${id}` : '';
  const [row] = isId('dst', id)
    ? await warehouse.query<DestinationRow>(
        `SELECT ${COLUMNS} FROM destinations WHERE destination_id = $id AND deleted_at IS NULL`,
        { id },
      )
    : [];
  if (!row) throw new ClvError('not_found', `no destination${shown}: see clv destination list`);
  return row;
}

/** One destination without secrets; not_found when there is none (or it was removed). */
export async function getDestination(warehouse: Warehouse, id: string): Promise<DestinationInfo> {
  return info(await findRow(warehouse, id));
}

/** A destination with its settings and opened secret, for delivering to it. */
export async function loadDestination(
  warehouse: Warehouse,
  projectDir: string,
  id: string,
): Promise<LoadedDestination> {
  const row = await findRow(warehouse, id);
  return {
    id: row.destination_id,
    name: row.name,
    enabled: row.enabled,
    settings: parseSettings(row.kind, JSON.parse(row.config)),
    secret:
      row.sealed_secret === null
        ? null
        : unseal(await projectKey(projectDir), row.sealed_secret, row.destination_id),
  };
}
