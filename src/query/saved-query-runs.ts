import type { Config } from '../config/schema.js';
import { ClvError } from '../shared/errors.js';
import type { ParamValue } from './query-placeholders.js';
import { placeholdersOf } from './query-placeholders.js';
import { startQuery, type StartedQuery } from './query-service.js';
import type { SnapshotMeta } from './query-snapshot.js';
import type { SavedQuery } from './saved-queries.js';
import { queryTemplate, templateFields } from './query-templates.js';
import type { SavedQueryInput } from './saved-queries.js';

/** A saved query run with the values given over its defaults. */
export function runSaved(
  snapshot: () => Promise<SnapshotMeta>,
  queryDir: string,
  config: Config,
  saved: SavedQuery,
  run: { params?: Record<string, ParamValue>; limit?: number },
): Promise<StartedQuery> {
  return startQuery(snapshot, queryDir, config, {
    sql: saved.sql,
    params: { ...saved.defaults, ...run.params },
    limit: run.limit,
  });
}

/**
 * Runs a statement about to be saved for one row, with its defaults and null for the other
 * parameters, so that an SQL error is a 400 at save time and not a surprise at the next
 * refresh. Before the first refresh there is nothing to run it on: it is saved unchecked.
 */
export async function checkStatement(
  snapshot: () => Promise<SnapshotMeta>,
  queryDir: string,
  config: Config,
  sql: string,
  defaults: Record<string, ParamValue>,
): Promise<void> {
  const params: Record<string, ParamValue> = {};
  for (const { name } of placeholdersOf(sql)) params[name] = defaults[name] ?? null;
  let started: StartedQuery;
  try {
    started = await startQuery(snapshot, queryDir, config, { sql, params, limit: 1 });
  } catch (error) {
    if (error instanceof ClvError && error.code === 'conflict') return;
    throw error;
  }
  for await (const batch of started.batches) void batch;
}

/** The input of a save from a template, with the caller's fields over the template's. */
export function withTemplate(input: SavedQueryInput & { template?: string }): SavedQueryInput {
  const { template: key, ...fields } = input;
  if (key === undefined) return fields;
  const template = queryTemplate(key);
  if (!template)
    throw new ClvError('bad_input', `template: no query template ${JSON.stringify(key)}`);
  return { ...templateFields(template), ...fields };
}
