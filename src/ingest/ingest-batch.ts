import type { Project } from '../config/project.js';
import type { Warehouse } from '../store/warehouse.js';
import { consumedFields } from './event-fields.js';
import { importEvents } from './import-events.js';
import { finishImportRecord, startImportRecord } from './import-record.js';
import type { KindContext } from './kind-importer.js';

/** What became of each event of a batch; indexes are positions in the batch. */
export interface BatchOutcome {
  /** The batch's row in `imports`; null when nothing was valid, and then there is no row. */
  importId: number | null;
  /** Events newly stored. */
  accepted: number;
  /** Valid events already stored, or repeated earlier in the batch, by their stored id. */
  duplicates: { index: number; eventId: string }[];
  /** Events that cannot be stored, with the reason a file import gives. */
  rejected: { index: number; reason: string }[];
}

/** The `imports` row of a batch names its source here, where a file import has its path. */
export const BATCH_SOURCE = 'http:batch';

/**
 * Stores a batch of events given as JS values (the shape of an NDJSON line) through the
 * validation and de-duplication of `clv import`, in one transaction, and accounts for every
 * event by its index. Event i is traced by `import_id` and `source_line` i + 1. Id-less events
 * get the file import's ids, content hash plus occurrence within the batch, so posting the same
 * batch again stores nothing. Calls must not overlap on one warehouse: the import's session
 * settings and transaction belong to the connection.
 */
export async function ingestBatch(
  warehouse: Warehouse,
  project: Project,
  events: readonly unknown[],
): Promise<BatchOutcome> {
  const started = performance.now();
  if (events.length === 0) return { importId: null, accepted: 0, duplicates: [], rejected: [] };
  const tag = `batch_${warehouse.scratchTag()}`;
  const consumed = Object.values(consumedFields(project.config));
  const shape = { fields: [...new Set(consumed.flat())], exclusions: consumed };
  // As in a file import, staging and validation change no stored data and run before the
  // transaction, which then holds only the writes.
  const staged = await warehouse.staging.values(events, shape, tag, project.scratchDir);
  try {
    const context: KindContext = { warehouse, staged, config: project.config, tag };
    const typed = await importEvents.validate(context);
    try {
      return await settle(context, typed, events.length, started);
    } finally {
      await warehouse.scratch.drop(typed);
    }
  } finally {
    await staged.drop();
  }
}

/** Stores the valid events of a validated batch, if any, and says what became of each. */
async function settle(
  context: KindContext,
  typed: string,
  read: number,
  started: number,
): Promise<BatchOutcome> {
  const { warehouse, staged } = context;
  const rejected = await warehouse.query<{ line: number; reason: string }>(
    `SELECT line, reason FROM ${typed} WHERE reason IS NOT NULL
     UNION ALL SELECT line, reason FROM ${staged.broken}
     ORDER BY line`,
  );
  const outcome: BatchOutcome = {
    importId: null,
    accepted: 0,
    duplicates: [],
    rejected: rejected.map(({ line, reason }) => ({ index: line - 1, reason })),
  };
  // Counting the valid rows would cost a statement; a row lost on the way counts as valid here
  // and then as neither stored nor a duplicate, which the check below catches.
  const valid = read - outcome.rejected.length;
  if (valid === 0) return checked(outcome, read);
  return warehouse.transaction(async () => {
    // The batch's row first, as a file import does (see src/store/recover-imports.ts).
    const importId = await startImportRecord(warehouse, {
      kind: 'events',
      file: BATCH_SOURCE,
      format: 'ndjson',
      read,
    });
    outcome.importId = importId;
    outcome.accepted = await importEvents.store(context, typed, importId);
    if (outcome.accepted < valid) {
      outcome.duplicates = await duplicates(warehouse, typed, importId);
    }
    checked(outcome, read);
    await finishImportRecord(warehouse, importId, {
      read,
      inserted: outcome.accepted,
      duplicates: outcome.duplicates.length,
      rejected: outcome.rejected.length,
      rejectsFile: null,
      seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
    });
    return outcome;
  });
}

/**
 * The valid events the insert did not take. Asking the events table what this batch stored
 * keeps the rule of what is a duplicate in one place, the store.
 */
async function duplicates(
  warehouse: Warehouse,
  typed: string,
  importId: number,
): Promise<BatchOutcome['duplicates']> {
  const rows = await warehouse.query<{ line: number; event_id: string }>(
    `SELECT line, event_id FROM ${typed} t
     WHERE reason IS NULL AND NOT EXISTS (
       SELECT 1 FROM events e WHERE e.import_id = $importId AND e.source_line = t.line)
     ORDER BY line`,
    { importId },
  );
  return rows.map(({ line, event_id }) => ({ index: line - 1, eventId: event_id }));
}

/** Throws (rolling the batch back) unless every event is accounted for exactly once. */
function checked(outcome: BatchOutcome, read: number): BatchOutcome {
  const { accepted, duplicates, rejected } = outcome;
  if (accepted + duplicates.length + rejected.length !== read) {
    throw new Error(
      `batch bookkeeping is off (read ${read}, accepted ${accepted}, duplicates ` +
        `${duplicates.length}, rejected ${rejected.length}); nothing was stored`,
    );
  }
  return outcome;
}
