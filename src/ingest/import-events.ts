import { acceptedRanges, MAX_RATE } from '../config/accepted-ranges.js';
import { literal } from '../store/sql-text.js';
import { requiredEventColumns } from './event-fields.js';
import { typedEventsParams, typedEventsSql } from './events-sql.js';
import type { KindImporter } from './kind-importer.js';
import { requireColumns } from './require-columns.js';
import { validatedTable } from './validated-table.js';

const EVENT_COLUMNS = `event_id, customer_id, type, kind, ts, order_id, amount, original_amount,
  currency, status, consent_category, consent_action, campaign_id, campaign_channel,
  campaign_action, audience_id, survey_score, survey_csat, properties`;

/** Events: validated and typed in SQL, then appended once per event id. */
export const importEvents: KindImporter = {
  async validate({ warehouse, staged, config, tag }) {
    requireColumns(staged, requiredEventColumns(config));
    // A stored rate outside the accepted range (written by an older version) is no rate.
    const rates = await warehouse.query<{ currency: string; rate_to_base: number }>(
      `SELECT currency, rate_to_base FROM rates
       WHERE isfinite(rate_to_base) AND rate_to_base > 0 AND rate_to_base <= $maxRate
       ORDER BY currency`,
      { maxRate: MAX_RATE },
    );
    // Zone-less time stamps are read in the project's zone; the session is UTC otherwise.
    await warehouse.run(`SET TimeZone = ${literal(config.timezone)}`);
    let typed: string;
    try {
      typed = await validatedTable(
        warehouse,
        staged,
        `typed_${tag}`,
        typedEventsSql(staged, config, rates.length),
        typedEventsParams(config, rates, acceptedRanges(config)),
      );
    } finally {
      await warehouse.run(`SET TimeZone = 'UTC'`);
    }
    // A row without an id is known by its content and by which occurrence of that content it is
    // in the file: importing the file again adds nothing, yet two identical purchases on one
    // day stay two, and the same event in two overlapping exports is stored once.
    await warehouse.run(`
      UPDATE ${typed} SET event_id = ${typed}.event_id || ':' || occurrence.n
      FROM (SELECT line, row_number() OVER (PARTITION BY event_id ORDER BY line) AS n
            FROM ${typed} WHERE hashed_id) occurrence
      WHERE ${typed}.line = occurrence.line`);
    return typed;
  },

  async store({ warehouse }, validated, importId) {
    const [ids] = await warehouse.query<{ valid: number; distinct_ids: number; stored: boolean }>(
      `SELECT count(*) AS valid, count(DISTINCT event_id) AS distinct_ids,
              EXISTS (SELECT 1 FROM events) AS stored
       FROM ${validated} WHERE reason IS NULL`,
    );
    // The engine does not skip an anti-join against an empty table, and a first bulk load is
    // exactly where that costs most.
    const notStored = ids?.stored
      ? 'AND NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = t.event_id)'
      : '';
    // The first occurrence of an id in the file wins; the window is skipped when ids are unique.
    const firstOfEachId =
      ids?.valid === ids?.distinct_ids
        ? ''
        : 'QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY line) = 1';
    // Row order in the table does not matter (source_line keeps it), and not keeping it lets
    // the engine write in parallel.
    await warehouse.run('SET preserve_insertion_order = false');
    try {
      return await warehouse.run(
        `INSERT INTO events (${EVENT_COLUMNS}, import_id, source_line)
         SELECT ${EVENT_COLUMNS}, $importId, line FROM ${validated} t
         WHERE reason IS NULL ${notStored} ${firstOfEachId}`,
        { importId },
      );
    } finally {
      await warehouse.run('RESET preserve_insertion_order');
    }
  },
};
