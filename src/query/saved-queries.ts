import { randomBytes } from 'node:crypto';
import { ClvError } from '../shared/errors.js';
import { isId } from '../shared/ids.js';
import type { Warehouse } from '../store/warehouse.js';
import {
  checkedParams,
  placeholdersOf,
  type ParamValue,
  type QueryParameter,
} from './query-placeholders.js';

/** A saved statement of the query service, as the API and `clv queries` show it. */
export interface SavedQuery {
  id: string;
  name: string;
  description: string;
  sql: string;
  /** Its `{{name}}` placeholders: `from` and `to` are days, a number default makes a number. */
  parameters: QueryParameter[];
  /** The values its parameters take when none are given (always, as a dataset). */
  defaults: Record<string, ParamValue>;
  /** The dataset every refresh materialises from it (`dataset_<name>`), or null. */
  dataset: string | null;
  owner: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  /** The last materialisation of its dataset; null when it is no dataset or never ran. */
  datasetRun: { refreshId: number; rows: number | null; error: string | null } | null;
}

/** What a save may set; omitted fields keep their value on an edit. */
export interface SavedQueryInput {
  name?: string;
  description?: string;
  sql?: string;
  defaults?: Record<string, ParamValue>;
  dataset?: string | null;
}

const ISO_MS = `'%Y-%m-%dT%H:%M:%S.%gZ'`;
const DATASET_NAME = /^[a-z][a-z0-9_]{0,47}$/;
const COLUMNS = `query_id AS id, name, description, sql, defaults::VARCHAR AS defaults, dataset,
  owner, version, strftime(created_at, ${ISO_MS}) AS created_at,
  strftime(updated_at, ${ISO_MS}) AS updated_at, updated_by, dataset_refresh_id,
  dataset_rows, dataset_error`;

interface StoredRow {
  [key: string]: string | number | null;
  id: string;
  name: string;
  description: string;
  sql: string;
  defaults: string;
  dataset: string | null;
  owner: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
  dataset_refresh_id: number | null;
  dataset_rows: number | null;
  dataset_error: string | null;
}

/** The table a dataset is materialised into. */
export function datasetTable(dataset: string): string {
  return `dataset_${dataset}`;
}

/** The parameters of a statement, typed by name (`from`, `to`) and by their defaults. */
export function parametersOf(sql: string, defaults: Record<string, ParamValue>): QueryParameter[] {
  return placeholdersOf(sql).map((parameter) =>
    parameter.type === 'string' && typeof defaults[parameter.name] === 'number'
      ? { ...parameter, type: 'number' }
      : parameter,
  );
}

function fromStored(row: StoredRow): SavedQuery {
  const defaults = JSON.parse(row.defaults) as Record<string, ParamValue>;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    sql: row.sql,
    parameters: parametersOf(row.sql, defaults),
    defaults,
    dataset: row.dataset,
    owner: row.owner,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    datasetRun:
      row.dataset === null || row.dataset_refresh_id === null
        ? null
        : { refreshId: row.dataset_refresh_id, rows: row.dataset_rows, error: row.dataset_error },
  };
}

/** Whether some saved query makes a dataset, which every refresh must materialise. */
export async function hasDatasets(warehouse: Warehouse): Promise<boolean> {
  const [row] = await warehouse.query<{ n: number }>(
    'SELECT count(*)::INTEGER AS n FROM saved_queries WHERE dataset IS NOT NULL',
  );
  return (row?.n ?? 0) > 0;
}

/** Every saved query, newest first. */
export async function listSavedQueries(warehouse: Warehouse): Promise<SavedQuery[]> {
  const rows = await warehouse.query<StoredRow>(
    `SELECT ${COLUMNS} FROM saved_queries ORDER BY created_at DESC, query_id`,
  );
  return rows.map(fromStored);
}

/** One saved query; 404 for an unknown id (echoed only when it has the shape of one). */
export async function getSavedQuery(warehouse: Warehouse, id: string): Promise<SavedQuery> {
  const [row] = isId('qry', id)
    ? await warehouse.query<StoredRow>(
        `SELECT ${COLUMNS} FROM saved_queries WHERE query_id = $id`,
        {
          id,
        },
      )
    : [];
  if (!row) {
    throw new ClvError(
      'not_found',
      isId('qry', id) ? `no saved query ${id}` : 'no saved query with that id',
    );
  }
  return fromStored(row);
}

function checkFields(fields: Required<SavedQueryInput>): void {
  const name = fields.name.trim();
  if (name.length < 1 || name.length > 100) {
    throw new ClvError('bad_input', 'name: 1 to 100 characters');
  }
  if (fields.description.length > 1000) {
    throw new ClvError('bad_input', 'description: at most 1000 characters');
  }
  if (fields.sql.trim() === '' || fields.sql.length > 100_000) {
    throw new ClvError('bad_input', 'sql: 1 to 100000 characters');
  }
  if (fields.dataset !== null && !DATASET_NAME.test(fields.dataset)) {
    throw new ClvError(
      'bad_input',
      'dataset: lower-case letters, digits and _, starting with a letter, at most 48 characters',
    );
  }
  const names = new Set(placeholdersOf(fields.sql).map((parameter) => parameter.name));
  for (const key of Object.keys(fields.defaults)) {
    if (!names.has(key)) {
      throw new ClvError('bad_input', `defaults: the statement has no parameter {{${key}}}`);
    }
  }
  checkedParams(fields.defaults);
  if (fields.dataset !== null) {
    const missing = [...names].filter((key) => !(key in fields.defaults));
    if (missing.length > 0) {
      throw new ClvError(
        'bad_input',
        `a dataset runs without anyone to give values: defaults needed for ${missing.map((key) => `{{${key}}}`).join(', ')}`,
      );
    }
  }
}

async function checkFree(
  warehouse: Warehouse,
  fields: Required<SavedQueryInput>,
  id: string,
): Promise<void> {
  const [taken] = await warehouse.query<{ id: string; name: string; dataset: string | null }>(
    `SELECT query_id AS id, name, dataset FROM saved_queries
     WHERE query_id <> $id AND (lower(name) = lower($name) OR dataset = $dataset) LIMIT 1`,
    { id, name: fields.name.trim(), dataset: fields.dataset },
  );
  if (!taken) return;
  throw new ClvError(
    'conflict',
    taken.name.toLowerCase() === fields.name.trim().toLowerCase()
      ? `a saved query is named ${JSON.stringify(taken.name)} already (${taken.id})`
      : `the dataset ${JSON.stringify(fields.dataset)} is made by ${taken.id} already`,
  );
}

const now = () => new Date().toISOString().replace('T', ' ').replace('Z', '');

/** Saves a new query, owned by `who`. The statement is checked by the caller (`checkStatement`). */
export async function createSavedQuery(
  warehouse: Warehouse,
  input: SavedQueryInput,
  who: string,
): Promise<SavedQuery> {
  const fields: Required<SavedQueryInput> = {
    name: input.name ?? '',
    description: input.description ?? '',
    sql: input.sql ?? '',
    defaults: input.defaults ?? {},
    dataset: input.dataset ?? null,
  };
  checkFields(fields);
  const id = `qry_${randomBytes(5).toString('hex')}`;
  await checkFree(warehouse, fields, id);
  const at = now();
  await warehouse.run(
    `INSERT INTO saved_queries VALUES ($id, $name, $description, $sql, $defaults::JSON, $dataset,
       $who, 1, $at::TIMESTAMP, $at::TIMESTAMP, $who, NULL, NULL, NULL)`,
    {
      id,
      name: fields.name.trim(),
      description: fields.description,
      sql: fields.sql,
      defaults: JSON.stringify(fields.defaults),
      dataset: fields.dataset,
      who,
      at,
    },
  );
  return getSavedQuery(warehouse, id);
}

/** The fields a save would leave, from the current ones and the input. */
export function mergedFields(
  current: SavedQuery,
  input: SavedQueryInput,
): Required<SavedQueryInput> {
  return {
    name: input.name ?? current.name,
    description: input.description ?? current.description,
    sql: input.sql ?? current.sql,
    defaults: input.defaults ?? current.defaults,
    dataset: input.dataset === undefined ? current.dataset : input.dataset,
  };
}

/**
 * Saves the next version of a query. A dataset it no longer makes (renamed or unset) is dropped
 * with it: the next refresh makes the new one.
 */
export async function editSavedQuery(
  warehouse: Warehouse,
  id: string,
  input: SavedQueryInput,
  who: string,
): Promise<SavedQuery> {
  const current = await getSavedQuery(warehouse, id);
  const fields = mergedFields(current, input);
  checkFields(fields);
  await checkFree(warehouse, fields, id);
  await warehouse.transaction(async () => {
    await warehouse.run(
      `UPDATE saved_queries SET name = $name, description = $description, sql = $sql,
         defaults = $defaults::JSON, dataset = $dataset, version = version + 1,
         updated_at = $at::TIMESTAMP, updated_by = $who,
         dataset_refresh_id = NULL, dataset_rows = NULL, dataset_error = NULL
       WHERE query_id = $id`,
      {
        id,
        name: fields.name.trim(),
        description: fields.description,
        sql: fields.sql,
        defaults: JSON.stringify(fields.defaults),
        dataset: fields.dataset,
        who,
        at: now(),
      },
    );
    if (current.dataset !== null && current.dataset !== fields.dataset) {
      await warehouse.run(`DROP TABLE IF EXISTS main.${datasetTable(current.dataset)}`);
    }
  });
  return getSavedQuery(warehouse, id);
}

/** Deletes a saved query, and the dataset it made. */
export async function deleteSavedQuery(
  warehouse: Warehouse,
  id: string,
): Promise<{ deleted: string }> {
  const current = await getSavedQuery(warehouse, id);
  await warehouse.transaction(async () => {
    await warehouse.run('DELETE FROM saved_queries WHERE query_id = $id', { id });
    if (current.dataset !== null) {
      await warehouse.run(`DROP TABLE IF EXISTS main.${datasetTable(current.dataset)}`);
    }
  });
  return { deleted: id };
}
