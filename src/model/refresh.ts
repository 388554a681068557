import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';
import {
  derivedSql,
  type ComputedStep,
  type DerivedTable,
  type ModelState,
} from './derived-table.js';
import {
  basisFingerprint,
  refreshStart,
  type RefreshBasis,
  type RefreshStart,
} from './refresh-basis.js';
import { recordRefreshFailure, refreshFailure } from './refresh-failures.js';
import { buildRowsInFull, buildRowsInPart, ChangedKeys } from './versioned-rows.js';
import { dependencyOrder, derivedTables } from './registry.js';
import { usableEvents } from './usable-events.js';

export interface RefreshSummary {
  refreshId: number;
  startedAt: string;
  seconds: number;
  /** The last import the refresh saw: derived tables reflect every import up to it. */
  lastImportId: number | null;
  events: number;
  tables: { name: string; rows: number }[];
  /** What computed steps (model fits) want people to know. */
  warnings: string[];
  /** The models the refresh fitted: each one's status and, when not ok, why. */
  models: ModelState[];
  /** The purchase model chosen differs from the last refresh's (`auto` chose another). */
  modelChange: { from: string; to: string } | null;
  /**
   * How the tables were built: the tables listed in part, on refresh `fromRefresh`'s (the
   * others in full), or every one in full, and why.
   */
  build:
    | { mode: 'incremental'; fromRefresh: number; tables: string[] }
    | { mode: 'full'; reason: string };
}

export interface RefreshOptions {
  /** Build every table in full, even where the last refresh's could be built on. */
  full?: boolean;
}

const GENERATION_PREFIX = 'refresh_';

/** Told as a refresh enters each step: its name, the steps done before it, and how many in all. */
export type RefreshStepListener = (step: string, done: number, total: number) => void;

/**
 * Rebuilds every derived table, in dependency order: from scratch, or, for a table with an
 * incremental rule when the last refresh can be built on (see `refreshStart`), as the last
 * refresh's table with the rows new events touch built again. The tables of a refresh are
 * built in a schema of their own, each statement committed on its own (the engine plans
 * better with statistics of committed tables); then one short transaction points the views
 * that readers use (`main.orders`, …) at them, so a reader sees either the previous refresh or
 * this one, never half of it. Stored events outside the accepted ranges are left out, with a
 * warning (see `usableEvents`); a refresh that fails anyway is recorded in `refresh_failures`
 * and throws an error that says which step failed.
 */
export async function refresh(
  warehouse: Warehouse,
  config: Config,
  model: readonly DerivedTable[] = derivedTables,
  steps: readonly ComputedStep[] = [],
  onStep?: RefreshStepListener,
  /** Steps the caller runs after publishing and announces itself: counted in the total. */
  laterSteps = 0,
  options: RefreshOptions = {},
): Promise<RefreshSummary> {
  const started = performance.now();
  const [state] = await warehouse.query<{
    id: number;
    last_import: number | null;
    events: number;
    now: string;
  }>(
    `SELECT (SELECT coalesce(max(refresh_id), 0) + 1 FROM refreshes) AS id,
            (SELECT max(import_id) FROM imports) AS last_import,
            (SELECT count(*) FROM events) AS events,
            strftime(current_timestamp AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS now`,
  );
  const refreshId = state?.id ?? 1;
  const startedAt = state?.now ?? '';
  const generation = `${GENERATION_PREFIX}${refreshId}`;
  const ordered = dependencyOrder(model);
  const tables: RefreshSummary['tables'] = [];
  const warnings: string[] = [];
  const models: ModelState[] = [];
  const [engine] = await warehouse.query<{ version: string }>('SELECT version() AS version');
  const fingerprint = basisFingerprint(config, model, warehouse.dialect, engine?.version ?? '');
  let start: RefreshStart = { mode: 'full', reason: 'starting' };
  // Whether stored events were left out: set once the events are read.
  let leftOutEvents: boolean | undefined;
  const builtInPart: string[] = [];
  /** The rows table of each table that can be built in part (see versioned-rows.ts). */
  const rowsTables: Record<string, string> = {};
  let step = 'starting';
  // The tables, reading the events before them, fitting and publishing after them, then the
  // caller's own.
  const total = ordered.length + 3 + laterSteps;
  let done = 0;
  const enter = (next: string): void => {
    step = next;
    onStep?.(next, done++, total);
  };
  try {
    await warehouse.generations.create(generation);
    enter('reading the events');
    const leftOut = await usableEvents(warehouse, config, generation);
    if (leftOut) warnings.push(leftOut);
    leftOutEvents = leftOut !== null;
    start = await refreshStart(warehouse, {
      fingerprint,
      leftOut: leftOutEvents,
      full: options.full ?? false,
      incrementalTables: ordered.filter((table) => table.incremental).map((table) => table.name),
    });
    const changed = start.mode === 'incremental' ? new ChangedKeys(warehouse, start.since) : null;
    // Derived tables read each other by plain name: the new generation's copies come first.
    await warehouse.generations.readingFirst(generation, async () => {
      try {
        for (const table of ordered) {
          enter(`building the ${table.name} table`);
          const base = start.mode === 'incremental' ? start.rows[table.name] : undefined;
          if (table.incremental && changed && base) {
            await buildRowsInPart(warehouse, config, table, generation, refreshId, base, changed);
            rowsTables[table.name] = base;
            builtInPart.push(table.name);
          } else if (table.incremental) {
            rowsTables[table.name] = await buildRowsInFull(
              warehouse,
              config,
              table,
              generation,
              refreshId,
            );
          } else {
            await warehouse.run(
              `CREATE TABLE ${generation}.${table.name} AS ${derivedSql(table, warehouse.dialect)}`,
              table.params?.(config),
            );
          }
          const [count] = await warehouse.query<{ n: number }>(
            `SELECT count(*) AS n FROM ${generation}.${table.name}`,
          );
          tables.push({ name: table.name, rows: count?.n ?? 0 });
        }
      } finally {
        // Scratch tables of this connection: kept no longer than the tables need them.
        await changed?.drop();
      }
      enter('fitting the prediction models');
      for (const currentStep of steps) {
        const built = await currentStep({ warehouse, config, schema: generation });
        tables.push(...built.tables);
        warnings.push(...built.warnings);
        models.push(...(built.models ?? []));
      }
    });
  } catch (error) {
    await warehouse.generations.drop(generation).catch(() => undefined);
    throw await failed(warehouse, startedAt, step, error, refreshId > 1);
  }
  enter('publishing the new tables');
  const summary: RefreshSummary = {
    refreshId,
    startedAt,
    seconds: 0,
    lastImportId: state?.last_import ?? null,
    events: state?.events ?? 0,
    tables,
    warnings,
    models,
    modelChange: await modelChange(warehouse, models),
    build:
      start.mode === 'incremental'
        ? { mode: 'incremental', fromRefresh: start.fromRefresh, tables: builtInPart }
        : { mode: 'full', reason: start.reason },
  };
  const basis: RefreshBasis = {
    fingerprint,
    lastImportId: summary.lastImportId,
    events: summary.events,
    leftOut: leftOutEvents ?? false,
    rows: rowsTables,
  };
  await publish(warehouse, generation, summary, basis, started).catch(async (error: unknown) => {
    throw await failed(warehouse, startedAt, 'publishing the new tables', error, refreshId > 1);
  });
  // Those of earlier refreshes, and of refreshes that failed halfway.
  await warehouse.generations.dropAllBut(GENERATION_PREFIX, generation);
  // The rows no published view reads any more, and the versioned tables of earlier refreshes.
  await warehouse.versioned.forget(Object.values(rowsTables), refreshId);
  return summary;
}

/** Points the readers' names at the new generation and logs the refresh, in one transaction. */
async function publish(
  warehouse: Warehouse,
  generation: string,
  summary: RefreshSummary,
  basis: RefreshBasis,
  started: number,
): Promise<void> {
  const names = summary.tables.map((table) => table.name);
  await warehouse.generations.publish(generation, names, async () => {
    summary.seconds = Number(((performance.now() - started) / 1000).toFixed(3));
    await warehouse.run(
      `INSERT INTO refreshes
       VALUES ($id, $startedAt::TIMESTAMP, $seconds, $lastImport, $events, $models::JSON,
               $basis::JSON)`,
      {
        id: summary.refreshId,
        models: JSON.stringify(summary.models),
        basis: JSON.stringify(basis),
        startedAt: summary.startedAt.replace('T', ' ').replace('Z', ''),
        seconds: summary.seconds,
        lastImport: summary.lastImportId,
        events: summary.events,
      },
    );
  });
}

/** Records a failed refresh (when the store lets it) and returns the error to throw. */
async function failed(
  warehouse: Warehouse,
  startedAt: string,
  step: string,
  error: unknown,
  hadRefresh: boolean,
): Promise<Error> {
  const failure = refreshFailure(step, error, hadRefresh);
  await recordRefreshFailure(warehouse, startedAt, failure.message).catch(() => undefined);
  return failure;
}

/** The purchase model of this refresh against the last refresh that recorded one. */
async function modelChange(
  warehouse: Warehouse,
  models: readonly ModelState[],
): Promise<RefreshSummary['modelChange']> {
  const to = models.find((model) => model.role === 'purchase')?.model;
  if (!to) return null;
  const [last] = await warehouse.query<{ models: string }>(
    `SELECT CAST(models AS VARCHAR) AS models FROM refreshes
     WHERE models IS NOT NULL ORDER BY refresh_id DESC LIMIT 1`,
  );
  const earlier = last ? (JSON.parse(last.models) as ModelState[]) : [];
  const from = earlier.find((model) => model.role === 'purchase')?.model;
  return from && from !== to ? { from, to } : null;
}
