import { randomBytes } from 'node:crypto';
import { ClvError } from '../shared/errors.js';
import { isId } from '../shared/ids.js';
import type { Warehouse } from '../store/warehouse.js';
import type { Rule } from './rule-schema.js';

/** One saved audience as its row holds it. */
export interface AudienceRow {
  id: string;
  name: string;
  description: string;
  owner: string;
  rule: Rule;
  version: number;
  includeUnsubscribed: boolean;
  template: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface AudienceVersion {
  version: number;
  name: string;
  description: string;
  changedBy: string;
  changedAt: string;
}

/** What a version writes: the audience's fields at that version. */
export type AudienceFields = Pick<
  AudienceRow,
  'name' | 'description' | 'rule' | 'includeUnsubscribed' | 'template'
>;

export const ISO_MS = `'%Y-%m-%dT%H:%M:%S.%gZ'`;

const COLUMNS = `audience_id AS id, name, description, owner, rule::VARCHAR AS rule, version,
  include_unsubscribed, template, strftime(created_at, ${ISO_MS}) AS created_at,
  strftime(updated_at, ${ISO_MS}) AS updated_at, updated_by`;

interface StoredRow {
  [key: string]: string | number | boolean | null;
  id: string;
  name: string;
  description: string;
  owner: string;
  rule: string;
  version: number;
  include_unsubscribed: boolean;
  template: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

function fromStored(row: StoredRow): AudienceRow {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    owner: row.owner,
    rule: JSON.parse(row.rule) as Rule,
    version: row.version,
    includeUnsubscribed: row.include_unsubscribed,
    template: row.template,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** A fresh id: `aud_` and 10 hex digits. */
export function newAudienceId(): string {
  return `aud_${randomBytes(5).toString('hex')}`;
}

/**
 * A caller's own id for a new audience (the demo's fixed ones): it must have the shape of ours
 * and be free, also among deleted audiences, whose activations still name them.
 */
export async function checkChosenId(warehouse: Warehouse, id: string): Promise<string> {
  if (!isId('aud', id)) throw new ClvError('bad_input', `id: must be 'aud_' and 10 hex digits`);
  const [taken] = await warehouse.query(
    `SELECT 1 AS taken FROM audiences WHERE audience_id = $id`,
    {
      id,
    },
  );
  if (taken) throw new ClvError('conflict', `id: the audience ${id} exists already`);
  return id;
}

/** Every live audience, by name. */
export async function liveAudienceRows(warehouse: Warehouse): Promise<AudienceRow[]> {
  const rows = await warehouse.query<StoredRow>(
    `SELECT ${COLUMNS} FROM audiences WHERE deleted_at IS NULL ORDER BY name, audience_id`,
  );
  return rows.map(fromStored);
}

/** One live audience; a 404 when there is none by that id (or it was deleted). */
export async function audienceRow(warehouse: Warehouse, id: string): Promise<AudienceRow> {
  const [row] = await warehouse.query<StoredRow>(
    `SELECT ${COLUMNS} FROM audiences WHERE audience_id = $id AND deleted_at IS NULL`,
    { id },
  );
  if (!row) throw new ClvError('not_found', `no audience ${JSON.stringify(id)}`);
  return fromStored(row);
}

/** Every version of an audience, the first first. */
export async function audienceVersions(
  warehouse: Warehouse,
  id: string,
): Promise<AudienceVersion[]> {
  const rows = await warehouse.query<{
    version: number;
    name: string;
    description: string;
    changed_by: string;
    changed_at: string;
  }>(
    `SELECT version, name, description, changed_by, strftime(changed_at, ${ISO_MS}) AS changed_at
     FROM audience_versions WHERE audience_id = $id ORDER BY version`,
    { id },
  );
  return rows.map((row) => ({
    version: row.version,
    name: row.name,
    description: row.description,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
  }));
}

/** A 409 naming the live audience that already has this name (names are unique among live ones). */
export async function checkNameFree(
  warehouse: Warehouse,
  name: string,
  exceptId: string | null,
): Promise<void> {
  const [other] = await warehouse.query<{ id: string }>(
    `SELECT audience_id AS id FROM audiences
     WHERE deleted_at IS NULL AND name = $name AND audience_id IS DISTINCT FROM $except`,
    { name, except: exceptId },
  );
  if (other) {
    throw new ClvError(
      'conflict',
      `name: the audience ${other.id} is already called ${JSON.stringify(name)}`,
    );
  }
}

/** Writes version `version` of an audience (its row and its version row) in one transaction. */
export async function writeAudienceVersion(
  warehouse: Warehouse,
  id: string,
  fields: AudienceFields,
  version: number,
  who: string,
  at: string,
): Promise<void> {
  const params = {
    id,
    name: fields.name,
    description: fields.description,
    rule: JSON.stringify(fields.rule),
    include: fields.includeUnsubscribed,
    template: fields.template,
    version,
    who,
    at,
  };
  // Every bound name must appear in its statement: the version row has no template.
  const versionParams = Object.fromEntries(
    Object.entries(params).filter(([name]) => name !== 'template'),
  ) as Omit<typeof params, 'template'>;
  await warehouse.transaction(async () => {
    if (version === 1) {
      await warehouse.run(
        `INSERT INTO audiences VALUES ($id, $name, $description, $who, $rule::JSON, $version,
           $include, $template, $at::TIMESTAMP, $at::TIMESTAMP, $who, NULL)`,
        params,
      );
    } else {
      await warehouse.run(
        `UPDATE audiences SET name = $name, description = $description, rule = $rule::JSON,
           version = $version, include_unsubscribed = $include, template = $template,
           updated_at = $at::TIMESTAMP, updated_by = $who
         WHERE audience_id = $id`,
        params,
      );
    }
    await warehouse.run(
      `INSERT INTO audience_versions VALUES ($id, $version, $name, $description, $rule::JSON,
         $include, $who, $at::TIMESTAMP)`,
      versionParams,
    );
  });
}

/** Marks an audience deleted: its row and history stay, its name is free again. */
export async function markDeleted(warehouse: Warehouse, id: string, at: string): Promise<void> {
  await warehouse.run(`UPDATE audiences SET deleted_at = $at::TIMESTAMP WHERE audience_id = $id`, {
    id,
    at,
  });
}

/** The instant now as the store's timestamps take it (UTC, milliseconds). */
export function nowStamp(date = new Date()): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
